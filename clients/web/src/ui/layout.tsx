import type { ReactNode } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { useSession } from '../api/session-context';
import { t } from '../i18n';
import { StaffNav } from '../staff/staff-nav';
import { SignOutButton } from './sign-out-button';

/** The frame of every page: skip link, the clinic's name, the navigation, the content, the footer. */
export function Layout({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const { pathname } = useLocation();
  // Staff see their own navigation, in the staff area and wherever else they are.
  const staffView = pathname.startsWith('/staff') || (session !== null && session.user.role !== 'PATIENT');
  return (
    <>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to={staffView ? '/staff' : '/'} className="brand">
            <span className="brand-mark" aria-hidden="true">
              +
            </span>
            <span>
              <span className="brand-name">{t.appName}</span>
              <span className="brand-tagline">{staffView ? t.staff.area : t.tagline}</span>
            </span>
          </Link>
          {staffView ? (
            <StaffNav />
          ) : (
            <nav aria-label={t.nav.label} className="site-nav">
              <ul>
                <li>
                  <NavLink to="/" end className={({ isActive }) => (isActive || pathname === '/book' ? 'active' : '')}>
                    {t.nav.book}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/doctors">{t.nav.doctors}</NavLink>
                </li>
                {session ? (
                  <>
                    <li>
                      <NavLink to="/appointments">{t.nav.appointments}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/invoices">{t.nav.invoices}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/profile">{t.nav.profile}</NavLink>
                    </li>
                    <li>
                      <SignOutButton signInPath="/sign-in" />
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <NavLink to="/sign-in">{t.nav.signIn}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/register" className="nav-cta">
                        {t.nav.register}
                      </NavLink>
                    </li>
                  </>
                )}
              </ul>
            </nav>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t.footer}</p>
      </footer>
    </>
  );
}
