import { NavLink } from 'react-router';
import { useSession } from '../api/session-context';
import { t } from '../i18n';
import { SignOutButton } from '../ui/sign-out-button';

/** The staff area's pages, per role: each role's section adds its links here. */
// `end`: a section's first page is active on itself only, not on the pages under its path.
const linksFor: Record<string, Array<{ to: string; label: string; end?: boolean }>> = {
  DOCTOR: [
    { to: '/staff/doctor/schedule', label: t.doctor.nav.schedule },
    { to: '/staff/doctor/availability', label: t.doctor.nav.availability },
    { to: '/staff/doctor/profile', label: t.doctor.nav.profile },
  ],
  ADMIN: [
    { to: '/staff/admin', label: t.admin.nav.board, end: true },
    { to: '/staff/admin/summary', label: t.admin.nav.summary },
    { to: '/staff/admin/services', label: t.admin.nav.services },
    { to: '/staff/admin/doctors', label: t.admin.nav.doctors },
    { to: '/staff/admin/closures', label: t.admin.nav.closures },
    { to: '/staff/admin/exports', label: t.admin.nav.exports },
    { to: '/staff/admin/users', label: t.admin.nav.users },
    { to: '/staff/admin/log', label: t.admin.nav.log },
    { to: '/staff/admin/health', label: t.admin.nav.health },
  ],
  STAFF: [
    { to: '/staff/desk', label: t.admin.nav.board, end: true },
    { to: '/staff/desk/summary', label: t.admin.nav.summary },
  ],
};

/** The header's navigation in the staff area (and for any signed-in member of staff). */
export function StaffNav() {
  const { session } = useSession();
  const links = session ? (linksFor[session.user.role] ?? []) : [];
  return (
    <nav aria-label={t.staff.navLabel} className="site-nav">
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.end}>
              {link.label}
            </NavLink>
          </li>
        ))}
        {session ? (
          <li>
            <SignOutButton signInPath="/staff/sign-in" />
          </li>
        ) : (
          <li>
            <NavLink to="/staff/sign-in">{t.nav.signIn}</NavLink>
          </li>
        )}
      </ul>
    </nav>
  );
}
