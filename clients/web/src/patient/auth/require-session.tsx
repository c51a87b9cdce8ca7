import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../../api/session-context';

/** Pages of the patient's own data: without a session, sign in first and come back here. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session)
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}

/** Where to go after signing in: the page that asked (same site only), else `fallback`. */
export function nextPath(search: URLSearchParams, fallback = '/appointments'): string {
  const next = search.get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : fallback;
}
