import { NavLink } from 'react-router';
import { t } from '../../i18n';

const LINKS = [
  ['/staff/admin', t.admin.nav.board],
  ['/staff/admin/summary', t.admin.nav.summary],
  ['/staff/admin/services', t.admin.nav.services],
  ['/staff/admin/doctors', t.admin.nav.doctors],
  ['/staff/admin/users', t.admin.nav.users],
  ['/staff/admin/log', t.admin.nav.log],
  ['/staff/admin/health', t.admin.nav.health],
] as const;

/** The admin area's own pages, one link each (a page per job, as the issue asks). */
export function AdminNav() {
  return (
    <nav aria-label={t.admin.navLabel} className="sub-nav">
      <ul>
        {LINKS.map(([to, label]) => (
          <li key={to}>
            <NavLink to={to} end>
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
