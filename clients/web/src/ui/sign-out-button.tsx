import { useNavigate } from 'react-router';
import { useSession } from '../api/session-context';
import { t } from '../i18n';
import { useAnnounce } from './announcer';

/** Ends the session and goes to the sign-in page it came from (the patient's or the staff's). */
export function SignOutButton({ signInPath }: { signInPath: string }) {
  const { signOut } = useSession();
  const navigate = useNavigate();
  const announce = useAnnounce();
  return (
    <button
      type="button"
      className="link-button"
      onClick={async () => {
        await signOut();
        announce(t.auth.signedOut);
        void navigate(signInPath);
      }}
    >
      {t.nav.signOut}
    </button>
  );
}
