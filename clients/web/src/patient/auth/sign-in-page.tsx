import { useMutation } from '@apollo/client/react';
import { LoginDocument } from '@carebook/sdk';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { messageFor } from '../../api/error-message';
import { useSession } from '../../api/session-context';
import { t } from '../../i18n';
import { Alert } from '../../ui/alert';
import { Page } from '../../ui/page';
import { nextPath } from './require-session';

/**
 * Signing in. The patient app and the staff dashboard each have their own
 * door: a patient's account is refused at the staff one and the other way
 * round, with a pointer to the right one.
 */
export function SignInPage({ audience = 'patient' }: { audience?: 'patient' | 'staff' }) {
  const staff = audience === 'staff';
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const { signIn, endedBecause } = useSession();
  const [login, { loading }] = useMutation(LoginDocument);
  const [error, setError] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const { data } = await login({ variables: { email: email.trim(), password } });
      if (!data) return;
      if ((data.login.user.role === 'PATIENT') === staff)
        return setError(staff ? t.staff.staffOnly : t.auth.patientsOnly);
      signIn(data.login);
      void navigate(nextPath(search, staff ? '/staff' : '/appointments'), { replace: true });
    } catch (caught) {
      setError(messageFor(caught, { signingIn: true }));
    }
  }

  return (
    <Page title={staff ? t.staff.signInTitle : t.auth.signInTitle}>
      {staff ? <p className="lead">{t.staff.signInIntro}</p> : null}
      {endedBecause() === 'expired' ? (
        <Alert kind="info">{t.auth.sessionEnded}</Alert>
      ) : search.get('next') ? (
        <Alert kind="info">{t.auth.needSignIn}</Alert>
      ) : null}
      <form className="card form" onSubmit={submit} noValidate>
        {error ? <Alert kind="error">{error}</Alert> : null}
        <div className="field">
          <label htmlFor="email">{t.auth.email}</label>
          <input
            id="email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="password">{t.auth.password}</label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <p className="form-aside">
          <Link to="/forgot-password" state={{ email: email.trim() }}>
            {t.auth.forgotPassword}
          </Link>
        </p>
        <button type="submit" className="button button-primary" disabled={loading}>
          {loading ? t.auth.signingIn : t.auth.signIn}
        </button>
        {staff ? (
          <p className="form-aside">
            <Link to="/sign-in">{t.staff.patientSignIn}</Link>
          </p>
        ) : (
          <>
            <p className="form-aside">
              {t.auth.noAccount}{' '}
              <Link to={`/register${search.toString() ? `?${search}` : ''}`}>{t.auth.createOne}</Link>
            </p>
            <p className="form-aside">
              <Link to="/staff/sign-in">{t.auth.staffSignIn}</Link>
            </p>
          </>
        )}
      </form>
    </Page>
  );
}
