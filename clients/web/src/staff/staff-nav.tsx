import { NavLink } from 'react-router';
import { useSession } from '../api/session-context';
import { t } from '../i18n';
import { SignOutButton } from '../ui/sign-out-button';

/** The staff area's pages, per role: each role's section adds its links here. */
const linksFor: Record<string, Array<{ to: string; label: string }>> = {
  DOCTOR: [
    { to: '/staff/doctor/schedule', label: t.doctor.nav.schedule },
    { to: '/staff/doctor/availability', label: t.doctor.nav.availability },
  ],
  ADMIN: [],
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
            <NavLink to={link.to}>{link.label}</NavLink>
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
