import { useMutation } from '@apollo/client/react';
import { ResetPasswordDocument } from '@carebook/sdk';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isAboutField, messageFor } from '../../api/error-message';
import { t } from '../../i18n';
import { Alert } from '../../ui/alert';
import { useAnnounce } from '../../ui/announcer';
import { Page } from '../../ui/page';

/**
 * The page the reset email links to (`/reset-password?token=…`): the new
 * password twice, then sign in with it. A used or expired link gets the
 * API's words and a way to ask for a new one.
 */
export function ResetPasswordPage() {
  const [search] = useSearchParams();
  const token = search.get('token') ?? '';
  const [resetPassword, { loading }] = useMutation(ResetPasswordDocument);
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [mismatch, setMismatch] = useState(false);
  // A used, replaced or expired link: no new password helps, only a new link.
  const [linkSpent, setLinkSpent] = useState(false);
  const [done, setDone] = useState(false);
  const announce = useAnnounce();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setLinkSpent(false);
    // Checked here: a typo in a password nobody can see would lock the patient out again.
    const differ = password !== repeated;
    setMismatch(differ);
    if (differ) return setError(t.reset.mismatch);
    try {
      await resetPassword({ variables: { token, newPassword: password } });
      setDone(true);
      announce(t.reset.done);
    } catch (caught) {
      setError(messageFor(caught));
      setLinkSpent(isAboutField(caught, 'token'));
    }
  }

  const askAgain = <Link to="/forgot-password">{t.reset.askAgain}</Link>;
  if (!token)
    return (
      <Page title={t.reset.title}>
        <Alert kind="error">
          <p>{t.reset.noToken}</p>
          <p>{askAgain}</p>
        </Alert>
      </Page>
    );
  if (done)
    return (
      <Page title={t.reset.title}>
        <Alert kind="success">
          <p>{t.reset.done}</p>
          <p>
            <Link to="/sign-in" className="button button-primary">
              {t.auth.signIn}
            </Link>
          </p>
        </Alert>
      </Page>
    );
  return (
    <Page title={t.reset.title}>
      <form className="card form" onSubmit={submit} noValidate>
        {error ? (
          <Alert kind="error">
            <p>{error}</p>
            {linkSpent ? <p>{askAgain}</p> : null}
          </Alert>
        ) : null}
        <div className="field">
          <label htmlFor="new-password">{t.reset.newPassword}</label>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            aria-describedby="new-password-hint"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <p className="hint" id="new-password-hint">
            {t.auth.passwordHint}
          </p>
        </div>
        <div className="field">
          <label htmlFor="repeat-password">{t.reset.repeatPassword}</label>
          <input
            id="repeat-password"
            type="password"
            autoComplete="new-password"
            required
            aria-invalid={mismatch || undefined}
            value={repeated}
            onChange={(e) => setRepeated(e.target.value)}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={loading}>
          {loading ? t.reset.saving : t.reset.save}
        </button>
      </form>
    </Page>
  );
}
