import { useQuery } from '@apollo/client/react';
import { MedicalServicesDocument } from '@carebook/sdk';
import { t } from '../../../i18n';

/** The services a doctor offers, one checkbox each (the catalogue's active services). */
export function ServiceChecks({ chosen, onChange }: { chosen: string[]; onChange: (serviceIds: string[]) => void }) {
  const services = useQuery(MedicalServicesDocument, { variables: {} });
  return (
    <fieldset className="checks">
      <legend>{t.admin.doctors.services}</legend>
      {(services.data?.medicalServices ?? []).map((s) => (
        <label key={s.id}>
          <input
            type="checkbox"
            checked={chosen.includes(s.id)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, s.id] : chosen.filter((id) => id !== s.id))}
          />
          {s.name}
        </label>
      ))}
    </fieldset>
  );
}
