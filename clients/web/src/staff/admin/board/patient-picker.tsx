import { useQuery } from '@apollo/client/react';
import { FindPatientsDocument } from '@carebook/sdk';
import { useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { useDebounced } from '../use-debounced';

export interface PickedPatient {
  id: string;
  name: string;
  email: string;
}

/** Finds a patient by part of the name or email (after a pause in typing) and lets one be chosen from the matches. */
export function PatientPicker({
  picked,
  onPick,
}: {
  picked: PickedPatient | null;
  onPick(patient: PickedPatient | null): void;
}) {
  const [text, setText] = useState('');
  const search = useDebounced(text.trim());
  const { data, error } = useQuery(FindPatientsDocument, {
    variables: { search, first: 8 },
    skip: search.length < 2,
    fetchPolicy: 'network-only',
  });
  const matches = search.length >= 2 ? (data?.findPatients ?? []) : [];
  return (
    <div className="field">
      <label htmlFor="book-patient">{t.admin.bookDialog.patient}</label>
      <input
        id="book-patient"
        type="search"
        autoComplete="off"
        aria-describedby="book-patient-hint"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onPick(null);
        }}
      />
      <p className="hint" id="book-patient-hint">
        {t.admin.bookDialog.patientHint}
      </p>
      {error ? <Alert kind="error">{messageFor(error)}</Alert> : null}
      {search.length >= 2 && data && !matches.length ? <p className="meta">{t.admin.bookDialog.noMatch}</p> : null}
      {matches.length ? (
        <fieldset className="checks patient-matches">
          <legend className="visually-hidden">{t.admin.bookDialog.patient}</legend>
          {matches.map((patient) => (
            <label key={patient.id}>
              <input
                type="radio"
                name="book-patient-choice"
                checked={picked?.id === patient.id}
                onChange={() => onPick(patient)}
              />
              {t.admin.bookDialog.chosen(patient.name, patient.email)}
            </label>
          ))}
        </fieldset>
      ) : null}
    </div>
  );
}
