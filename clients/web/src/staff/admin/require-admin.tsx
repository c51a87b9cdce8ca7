import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../../api/session-context';
import { t } from '../../i18n';
import { Alert } from '../../ui/alert';
import { Page } from '../../ui/page';

/** The admin pages: signed out, sign in first; signed in without the ADMIN role, say so (the API would refuse every call anyway). */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (session.user.role !== 'ADMIN')
    return (
      <Page title={t.admin.navLabel}>
        <Alert kind="error">{t.admin.adminsOnly}</Alert>
      </Page>
    );
  return <>{children}</>;
}
