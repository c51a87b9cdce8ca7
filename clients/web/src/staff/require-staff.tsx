import { type ReactNode, useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../api/session-context';
import { t } from '../i18n';
import { useAnnounce } from '../ui/announcer';
import { Alert } from '../ui/alert';
import { Page } from '../ui/page';

/**
 * The door of every staff page. Signed out: the staff sign-in, then back
 * here. A patient: sent to the patient app's start page (the API refuses
 * them anyway; this only spares them a page of errors). A member of staff
 * whose role the page is not for: told so.
 */
export function RequireStaff({ roles, children }: { roles: readonly string[]; children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  const announce = useAnnounce();
  const isPatient = session?.user.role === 'PATIENT';
  useEffect(() => {
    if (isPatient) announce(t.staff.sentAway);
  }, [isPatient, announce]);
  if (!session)
    return <Navigate to={`/staff/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (isPatient) return <Navigate to="/" replace />;
  if (!roles.includes(session.user.role))
    return (
      <Page title={t.staff.area}>
        <Alert kind="info">{t.staff.notForRole}</Alert>
      </Page>
    );
  return <>{children}</>;
}
