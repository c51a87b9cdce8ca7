import { type FormEvent, useId, useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { Alert } from '../../../ui/alert';

/** A chart record's diagnosis and notes: a new record, or an existing one being edited. */
export function RecordForm({
  initial = { diagnosis: '', notes: '' },
  submitLabel,
  busyLabel,
  onSubmit,
  onCancel,
}: {
  initial?: { diagnosis: string; notes: string };
  submitLabel: string;
  busyLabel: string;
  onSubmit: (record: { diagnosis: string; notes: string | null }) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const id = useId();
  const [diagnosis, setDiagnosis] = useState(initial.diagnosis);
  const [notes, setNotes] = useState(initial.notes);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!diagnosis.trim()) return setError(t.doctor.diagnosisNeeded);
    setError(null);
    setBusy(true);
    try {
      await onSubmit({ diagnosis: diagnosis.trim(), notes: notes.trim() || null });
      if (!onCancel) {
        setDiagnosis('');
        setNotes('');
      }
    } catch (caught) {
      setError(messageFor(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      {error ? <Alert kind="error">{error}</Alert> : null}
      <div className="field">
        <label htmlFor={`${id}-diagnosis`}>{t.doctor.diagnosis}</label>
        <input
          id={`${id}-diagnosis`}
          required
          maxLength={500}
          value={diagnosis}
          onChange={(e) => setDiagnosis(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-notes`}>{t.doctor.notes}</label>
        <textarea
          id={`${id}-notes`}
          rows={3}
          maxLength={10000}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t.doctor.cancelEdit}
          </button>
        ) : null}
      </div>
    </form>
  );
}
