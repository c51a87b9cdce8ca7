import { useMutation } from '@apollo/client/react';
import { RequestPasswordResetDocument } from '@carebook/sdk';
import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { messageFor } from '../../api/error-message';
import { t } from '../../i18n';
import { Alert } from '../../ui/alert';
import { useAnnounce } from '../../ui/announcer';
import { Page } from '../../ui/page';

/**
 * Asks for a reset link. The answer never says whether the email has an
 * account (the API answers alike either way), so neither does this page.
 */
export function ForgotPasswordPage() {
  // The sign-in page hands over what was typed there (in router state, not the URL, which servers log).
  const typed = (useLocation().state as { email?: string } | null)?.email ?? '';
  const [email, setEmail] = useState(typed);
  const [requestReset, { loading }] = useMutation(RequestPasswordResetDocument);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const announce = useAnnounce();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await requestReset({ variables: { email: email.trim() } });
      setSent(true);
      announce(t.reset.sent);
    } catch (caught) {
      setError(messageFor(caught));
    }
  }

  return (
    <Page title={t.reset.requestTitle}>
      {sent ? (
        <Alert kind="success">
          <p>{t.reset.sent}</p>
          <p>
            <Link to="/sign-in">{t.reset.backToSignIn}</Link>
          </p>
        </Alert>
      ) : (
        <form className="card form" onSubmit={submit} noValidate>
          {error ? <Alert kind="error">{error}</Alert> : null}
          <p className="hint" id="reset-intro">
            {t.reset.requestIntro}
          </p>
          <div className="field">
            <label htmlFor="email">{t.auth.email}</label>
            <input
              id="email"
              type="email"
              autoComplete="email"
              required
              aria-describedby="reset-intro"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <button type="submit" className="button button-primary" disabled={loading}>
            {loading ? t.reset.sending : t.reset.send}
          </button>
          <p className="form-aside">
            <Link to="/sign-in">{t.reset.backToSignIn}</Link>
          </p>
        </form>
      )}
    </Page>
  );
}
