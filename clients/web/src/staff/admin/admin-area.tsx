import './admin.css';
import { Route, Routes } from 'react-router';
import { t } from '../../i18n';
import { Page } from '../../ui/page';
import { AdminNav } from './admin-nav';
import { DayBoardPage } from './board/day-board-page';
import { ServicesAdminPage } from './catalogue/services-admin-page';
import { DoctorsAdminPage } from './doctors/doctors-admin-page';
import { HealthPage } from './health/health-page';
import { ActionLogPage } from './log/action-log-page';
import { RequireAdmin } from './require-admin';
import { SummaryPage } from './summary/summary-page';
import { UsersPage } from './users/users-page';

/** Everything under /staff/admin: the admin's nav above the page it leads to. */
export function AdminArea() {
  return (
    <RequireAdmin>
      <AdminNav />
      <Routes>
        <Route index element={<DayBoardPage />} />
        <Route path="summary" element={<SummaryPage />} />
        <Route path="services" element={<ServicesAdminPage />} />
        <Route path="doctors" element={<DoctorsAdminPage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="log" element={<ActionLogPage />} />
        <Route path="health" element={<HealthPage />} />
        <Route path="*" element={<Page title={t.errors.notFound}>{null}</Page>} />
      </Routes>
    </RequireAdmin>
  );
}
