import { useMutation } from '@apollo/client/react';
import { LogoutEverywhereDocument } from '@carebook/sdk';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { messageFor } from '../../api/error-message';
import { useSession } from '../../api/session-context';
import { t } from '../../i18n';
import { Alert } from '../../ui/alert';
import { useAnnounce } from '../../ui/announcer';

/** Signs the patient out on every device, this one too (LogoutEverywhere), after a confirmation. */
export function SignOutEverywhere() {
  const a = t.account;
  const announce = useAnnounce();
  const navigate = useNavigate();
  const { signOut } = useSession();
  const [logoutEverywhere, busy] = useMutation(LogoutEverywhereDocument);
  const [problem, setProblem] = useState<string | null>(null);

  async function run() {
    if (!window.confirm(a.everywhereConfirm)) return;
    setProblem(null);
    try {
      await logoutEverywhere();
    } catch (caught) {
      return setProblem(messageFor(caught));
    }
    // This device's tokens are refused now too: forget them here, as signing out does.
    await signOut();
    announce(a.everywhereDone);
    void navigate('/sign-in');
  }

  return (
    <section className="card" aria-labelledby="everywhere-title">
      <h2 id="everywhere-title">{a.everywhereTitle}</h2>
      <p className="hint">{a.everywhereIntro}</p>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      <div className="actions">
        <button
          type="button"
          className="button button-danger-outline"
          disabled={busy.loading}
          onClick={() => void run()}
        >
          {busy.loading ? a.signingOutEverywhere : a.signOutEverywhere}
        </button>
      </div>
    </section>
  );
}
