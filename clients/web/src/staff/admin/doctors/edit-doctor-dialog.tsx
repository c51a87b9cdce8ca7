import { useMutation, useQuery } from '@apollo/client/react';
import { type DoctorsQuery, MedicalServicesDocument, UpdateDoctorDocument } from '@carebook/sdk';
import { type FormEvent, useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { AdminDialog, DialogActions } from '../board/admin-dialog';

type Doctor = DoctorsQuery['doctors'][number];
type TextKey = 'name' | 'specialty' | 'bio' | 'location' | 'licenseNumber' | 'phone';

/**
 * Changing a doctor (UpdateDoctor): what patients read and the services
 * offered start from what is listed; the license number and phone are not in
 * the public list, so they are written, not shown (left empty, they stay).
 */
export function EditDoctorDialog({ doctor, onDone, onClose }: { doctor: Doctor; onDone: (name: string) => void; onClose: () => void }) {
  const d = t.admin.doctors;
  const services = useQuery(MedicalServicesDocument, { variables: {} });
  const [update, saving] = useMutation(UpdateDoctorDocument, { refetchQueries: ['Doctors'], awaitRefetchQueries: true });
  const [form, setForm] = useState({
    name: doctor.name,
    specialty: doctor.specialty,
    bio: doctor.bio ?? '',
    location: doctor.location ?? '',
    licenseNumber: '',
    phone: '',
    serviceIds: doctor.services.map((s) => s.id),
  });
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const { licenseNumber, phone, bio, location, name, specialty, serviceIds } = form;
    const kept = { ...(licenseNumber.trim() ? { licenseNumber: licenseNumber.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) };
    try {
      const input = { name: name.trim(), specialty: specialty.trim(), bio: bio.trim() || null, location: location.trim() || null, serviceIds, ...kept };
      const { data } = await update({ variables: { id: doctor.id, input } });
      onDone(data!.updateDoctor.name);
    } catch (caught) {
      setProblem(messageFor(caught));
    }
  }

  const field = (key: TextKey, hint?: string) => (
    <div className="field">
      <label htmlFor={`edit-doctor-${key}`}>{d.edit[key]}</label>
      {key === 'bio' ? (
        <textarea id={`edit-doctor-${key}`} rows={4} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
      ) : (
        <input id={`edit-doctor-${key}`} autoComplete="off" aria-describedby={hint ? `edit-doctor-${key}-hint` : undefined} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
      )}
      {hint ? (
        <p className="hint" id={`edit-doctor-${key}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );

  return (
    <AdminDialog title={d.editTitle(doctor.name)} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        {field('name')}
        {field('specialty')}
        {field('bio')}
        {field('location')}
        {field('licenseNumber', d.keepIfEmpty)}
        {field('phone', d.keepIfEmpty)}
        <fieldset className="checks">
          <legend>{d.services}</legend>
          {(services.data?.medicalServices ?? []).map((s) => (
            <label key={s.id}>
              <input
                type="checkbox"
                checked={form.serviceIds.includes(s.id)}
                onChange={(e) => setForm({ ...form, serviceIds: e.target.checked ? [...form.serviceIds, s.id] : form.serviceIds.filter((id) => id !== s.id) })}
              />
              {s.name}
            </label>
          ))}
        </fieldset>
        {problem ? <Alert kind="error">{problem}</Alert> : null}
        <DialogActions submit={saving.loading ? t.admin.services.saving : d.saveChanges} disabled={saving.loading} onCancel={onClose} />
      </form>
    </AdminDialog>
  );
}
