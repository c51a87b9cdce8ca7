import { useApolloClient, useMutation } from '@apollo/client/react';
import { SubmitFeedbackDocument } from '@carebook/sdk';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { messageFor } from '../../api/error-message';
import { t } from '../../i18n';
import { useClock } from '../../i18n/clock-context';
import { Alert } from '../../ui/alert';
import { useAnnounce } from '../../ui/announcer';
import { Loading, Page } from '../../ui/page';
import { useMyAppointments } from '../appointments/use-my-appointments';

/** Feedback after a completed visit (the feedback email links here): a rating of 1 to 5 and a comment. */
export function FeedbackPage() {
  const { id } = useParams();
  const clock = useClock();
  const apollo = useApolloClient();
  const announce = useAnnounce();
  const { data, loading, error } = useMyAppointments();
  const [submit, submitting] = useMutation(SubmitFeedbackDocument);
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const a = data?.myAppointments.find((x) => x.id === id);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!rating) return setProblem(t.feedback.chooseRating);
    setProblem(null);
    try {
      await submit({ variables: { appointmentId: id!, rating, comment: comment.trim() || undefined } });
      apollo.cache.evict({ id: 'ROOT_QUERY', fieldName: 'myAppointments' });
      setSent(true);
      announce(t.feedback.thanks);
    } catch (caught) {
      setProblem(messageFor(caught));
    }
  }

  if (error) return <Page title={t.feedback.title}>{<Alert kind="error">{messageFor(error)}</Alert>}</Page>;
  if (loading && !data) return <Loading />;
  if (!a)
    return (
      <Page title={t.feedback.title}>
        <Alert kind="error">{t.appointments.notFound}</Alert>
      </Page>
    );
  return (
    <Page title={t.feedback.title}>
      <p className="lead">
        {t.feedback.intro(a.service.name, a.doctor.name, clock.longDate(clock.dateOf(a.startsAt)))}
      </p>
      {sent ? (
        <Alert kind="success">
          {t.feedback.thanks} <Link to="/appointments">{t.appointments.title}</Link>
        </Alert>
      ) : a.feedback ? (
        <Alert kind="info">{t.feedback.already}</Alert>
      ) : a.status !== 'COMPLETED' ? (
        <Alert kind="info">{t.feedback.notYet}</Alert>
      ) : (
        <form className="card form" onSubmit={send} noValidate>
          {problem ? <Alert kind="error">{problem}</Alert> : null}
          <fieldset className="rating">
            <legend>{t.feedback.ratingLegend}</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className="rating-option">
                <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} />
                <span aria-hidden="true" className="stars">
                  {'★'.repeat(n)}
                  {'☆'.repeat(5 - n)}
                </span>
                <span className="rating-text">{t.feedback.stars(n)}</span>
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="comment">{t.feedback.comment}</label>
            <textarea
              id="comment"
              rows={4}
              maxLength={2000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </div>
          <button type="submit" className="button button-primary" disabled={submitting.loading}>
            {submitting.loading ? t.feedback.sending : t.feedback.send}
          </button>
        </form>
      )}
    </Page>
  );
}
