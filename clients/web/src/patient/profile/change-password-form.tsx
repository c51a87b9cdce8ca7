import { useMutation } from '@apollo/client/react';
import { ChangePasswordDocument } from '@carebook/sdk';
import { type FormEvent, useState } from 'react';
import { isAboutField, messageFor } from '../../api/error-message';
import { useSession } from '../../api/session-context';
import { t } from '../../i18n';
import { Alert } from '../../ui/alert';
import { useAnnounce } from '../../ui/announcer';

/**
 * A new password, with the current one (ChangePassword). Every other session
 * ends; this one goes on with the tokens in the answer, stored at once (the
 * old ones stop working within seconds).
 */
export function ChangePasswordForm() {
  const a = t.account;
  const announce = useAnnounce();
  const { signIn } = useSession();
  const [change, changing] = useMutation(ChangePasswordDocument);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<{ text: string; field: 'current' | 'next' | 'again' | null } | null>(null);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    if (next !== again) return setProblem({ text: t.reset.mismatch, field: 'again' });
    setProblem(null);
    try {
      const { data } = await change({ variables: { currentPassword: current, newPassword: next } });
      const { accessToken, refreshToken, user } = data!.changePassword;
      signIn({ accessToken, refreshToken, user });
      setCurrent('');
      setNext('');
      setAgain('');
      setDone(true);
      announce(a.passwordChanged);
    } catch (caught) {
      setProblem({
        text: messageFor(caught),
        field: isAboutField(caught, 'currentPassword')
          ? 'current'
          : isAboutField(caught, 'newPassword')
            ? 'next'
            : null,
      });
    }
  }

  // The field at fault is marked invalid; the alert below says why (and is read out as it appears).
  const invalid = (field: 'current' | 'next' | 'again') => (problem?.field === field ? { 'aria-invalid': true } : {});
  return (
    <form className="card form" onSubmit={submit} noValidate aria-labelledby="password-title">
      <h2 id="password-title">{a.passwordTitle}</h2>
      <p className="hint">{a.passwordIntro}</p>
      <div className="field">
        <label htmlFor="current-password">{a.currentPassword}</label>
        <input
          id="current-password"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          {...invalid('current')}
        />
      </div>
      <div className="field">
        <label htmlFor="new-password">{t.reset.newPassword}</label>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          required
          aria-describedby="new-password-hint"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          {...invalid('next')}
        />
        <p className="hint" id="new-password-hint">
          {t.auth.passwordHint}
        </p>
      </div>
      <div className="field">
        <label htmlFor="new-password-again">{t.reset.repeatPassword}</label>
        <input
          id="new-password-again"
          type="password"
          autoComplete="new-password"
          required
          value={again}
          onChange={(e) => setAgain(e.target.value)}
          {...invalid('again')}
        />
      </div>
      {problem ? <Alert kind="error">{problem.text}</Alert> : null}
      {done ? <Alert kind="success">{a.passwordChanged}</Alert> : null}
      <button type="submit" className="button button-primary" disabled={changing.loading}>
        {changing.loading ? a.changingPassword : a.changePassword}
      </button>
    </form>
  );
}
