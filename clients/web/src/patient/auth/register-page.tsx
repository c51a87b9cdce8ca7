import { useMutation } from '@apollo/client/react';
import { RegisterPatientDocument } from '@carebook/sdk';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { messageFor } from '../../api/error-message';
import { useSession } from '../../api/session-context';
import { t } from '../../i18n';
import { Alert } from '../../ui/alert';
import { Page } from '../../ui/page';
import { nextPath } from './require-session';

export function RegisterPage() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const { signIn } = useSession();
  const [register, { loading }] = useMutation(RegisterPatientDocument);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState({ name: '', email: '', password: '', phone: '', dateOfBirth: '' });
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm({ ...form, [key]: event.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const input = {
        name: form.name.trim(),
        email: form.email.trim(),
        password: form.password,
        phone: form.phone.trim() || undefined,
        dateOfBirth: form.dateOfBirth || undefined,
      };
      const { data } = await register({ variables: { input } });
      if (!data) return;
      signIn(data.registerPatient);
      void navigate(nextPath(search), { replace: true });
    } catch (caught) {
      setError(messageFor(caught));
    }
  }

  return (
    <Page title={t.auth.registerTitle}>
      <form className="card form" onSubmit={submit} noValidate>
        {error ? <Alert kind="error">{error}</Alert> : null}
        <div className="field">
          <label htmlFor="name">{t.auth.name}</label>
          <input id="name" autoComplete="name" required value={form.name} onChange={set('name')} />
        </div>
        <div className="field">
          <label htmlFor="email">{t.auth.email}</label>
          <input id="email" type="email" autoComplete="email" required value={form.email} onChange={set('email')} />
        </div>
        <div className="field">
          <label htmlFor="password">{t.auth.password}</label>
          <input
            id="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            aria-describedby="password-hint"
            value={form.password}
            onChange={set('password')}
          />
          <p className="hint" id="password-hint">
            {t.auth.passwordHint}
          </p>
        </div>
        <div className="field">
          <label htmlFor="phone">{t.auth.phone}</label>
          <input id="phone" type="tel" autoComplete="tel" value={form.phone} onChange={set('phone')} />
        </div>
        <div className="field">
          <label htmlFor="dateOfBirth">{t.auth.dateOfBirth}</label>
          <input
            id="dateOfBirth"
            type="date"
            autoComplete="bday"
            value={form.dateOfBirth}
            onChange={set('dateOfBirth')}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={loading}>
          {loading ? t.auth.registering : t.auth.register}
        </button>
        <p className="form-aside">
          {t.auth.haveAccount} <Link to={`/sign-in${search.toString() ? `?${search}` : ''}`}>{t.auth.signIn}</Link>
        </p>
      </form>
    </Page>
  );
}
