import './admin.css';
import { Route, Routes } from 'react-router';
import { t } from '../../i18n';
import { Page } from '../../ui/page';
import { DayBoardPage } from './board/day-board-page';
import { ServicesAdminPage } from './catalogue/services-admin-page';
import { ClosuresPage } from './closures/closures-page';
import { DoctorsAdminPage } from './doctors/doctors-admin-page';
import { ExportsPage } from './exports/exports-page';
import { HealthPage } from './health/health-page';
import { ActionLogPage } from './log/action-log-page';
import { SummaryPage } from './summary/summary-page';
import { UsersPage } from './users/users-page';

/** The admin's pages under /staff/admin (behind RequireStaff in staff-routes.tsx; their links are in staff-nav.tsx). */
export function AdminArea() {
  return (
    <Routes>
      <Route index element={<DayBoardPage />} />
      <Route path="summary" element={<SummaryPage />} />
      <Route path="services" element={<ServicesAdminPage />} />
      <Route path="doctors" element={<DoctorsAdminPage />} />
      <Route path="closures" element={<ClosuresPage />} />
      <Route path="exports" element={<ExportsPage />} />
      <Route path="users" element={<UsersPage />} />
      <Route path="log" element={<ActionLogPage />} />
      <Route path="health" element={<HealthPage />} />
      <Route path="*" element={<Page title={t.errors.notFound}>{null}</Page>} />
    </Routes>
  );
}
