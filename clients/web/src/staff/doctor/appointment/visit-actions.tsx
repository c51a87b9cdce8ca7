import { useMutation } from '@apollo/client/react';
import { CompleteAppointmentDocument, MarkNoShowDocument } from '@carebook/sdk';
import { type FormEvent, useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { useClock } from '../../../i18n/clock-context';
import { Alert } from '../../../ui/alert';
import { useAnnounce } from '../../../ui/announcer';

/** Closing a visit: completed with the doctor's notes (the invoice follows), or a no-show. */
export function VisitActions({
  appointmentId,
  status,
  startsAt,
  onChanged,
}: {
  appointmentId: string;
  status: string;
  startsAt: string;
  onChanged: () => void;
}) {
  const clock = useClock();
  const announce = useAnnounce();
  const [complete, completing] = useMutation(CompleteAppointmentDocument);
  const [markNoShow, marking] = useMutation(MarkNoShowDocument);
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = async (action: () => Promise<unknown>, said: string) => {
    setError(null);
    try {
      await action();
      setDone(said);
      announce(said);
      onChanged();
    } catch (caught) {
      setError(messageFor(caught));
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(
      () => complete({ variables: { id: appointmentId, notes: notes.trim() || undefined } }),
      t.doctor.completed,
    );
  };

  if (status !== 'CONFIRMED' && status !== 'PENDING')
    return (
      <section className="panel-section">
        {done ? <Alert kind="success">{done}</Alert> : <p className="meta">{t.doctor.closed}</p>}
      </section>
    );
  return (
    <section className="panel-section" aria-labelledby="visit-title">
      <h3 id="visit-title">{t.doctor.completeTitle}</h3>
      {Date.parse(startsAt) > Date.now() ? (
        <p className="hint">{t.doctor.notStarted(clock.dateTime(startsAt))}</p>
      ) : null}
      {error ? <Alert kind="error">{error}</Alert> : null}
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="visit-notes">{t.doctor.visitNotes}</label>
          <textarea
            id="visit-notes"
            rows={3}
            maxLength={5000}
            aria-describedby="visit-notes-hint"
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
          />
          <p className="hint" id="visit-notes-hint">
            {t.doctor.visitNotesHint}
          </p>
        </div>
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={completing.loading || marking.loading}>
            {completing.loading ? t.doctor.completing : t.doctor.complete}
          </button>
          <button
            type="button"
            className="button button-danger-outline"
            disabled={completing.loading || marking.loading}
            onClick={() => void run(() => markNoShow({ variables: { id: appointmentId } }), t.doctor.markedNoShow)}
          >
            {marking.loading ? t.doctor.markingNoShow : t.doctor.noShow}
          </button>
        </div>
      </form>
    </section>
  );
}
