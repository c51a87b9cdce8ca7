import './staff.css';
import './admin/admin.css'; // the day board and summary also serve the front desk (desk/)
import { Navigate, Route, Routes } from 'react-router';
import { useSession } from '../api/session-context';
import { SignInPage } from '../patient/auth/sign-in-page';
import { AdminArea } from './admin/admin-area';
import { DayBoardPage } from './admin/board/day-board-page';
import { SummaryPage } from './admin/summary/summary-page';
import { AvailabilityPage } from './doctor/availability/availability-page';
import { DoctorProfilePage } from './doctor/profile/doctor-profile-page';
import { SchedulePage } from './doctor/schedule/schedule-page';
import { t } from '../i18n';
import { Page } from '../ui/page';
import { RequireStaff } from './require-staff';

const DOCTOR = ['DOCTOR'] as const;
const ADMIN = ['ADMIN'] as const;
const FRONT_DESK = ['STAFF'] as const;
const STAFF = ['DOCTOR', 'ADMIN', 'STAFF'] as const;

/** Where /staff leads each role. */
function StaffHome() {
  const { session } = useSession();
  if (!session) return <Navigate to="/staff/sign-in" replace />;
  if (session.user.role === 'DOCTOR') return <Navigate to="/staff/doctor/schedule" replace />;
  if (session.user.role === 'ADMIN') return <Navigate to="/staff/admin" replace />;
  if (session.user.role === 'STAFF') return <Navigate to="/staff/desk" replace />;
  return <Navigate to="/" replace />;
}

/**
 * The staff area under /staff: one section per role (doctor/, admin/, desk/), each page behind
 * RequireStaff. The front desk (STAFF) books, moves and cancels for patients and sees every schedule:
 * the admin's day board and summary serve it as they are (every operation on them is open to STAFF).
 */
export function StaffRoutes() {
  return (
    <Routes>
      <Route index element={<StaffHome />} />
      <Route path="sign-in" element={<SignInPage audience="staff" />} />
      <Route
        path="doctor/schedule"
        element={
          <RequireStaff roles={DOCTOR}>
            <SchedulePage />
          </RequireStaff>
        }
      />
      <Route
        path="doctor/availability/*"
        element={
          <RequireStaff roles={DOCTOR}>
            <AvailabilityPage />
          </RequireStaff>
        }
      />
      <Route
        path="doctor/profile"
        element={
          <RequireStaff roles={DOCTOR}>
            <DoctorProfilePage />
          </RequireStaff>
        }
      />
      <Route
        path="admin/*"
        element={
          <RequireStaff roles={ADMIN}>
            <AdminArea />
          </RequireStaff>
        }
      />
      <Route
        path="desk"
        element={
          <RequireStaff roles={FRONT_DESK}>
            <DayBoardPage />
          </RequireStaff>
        }
      />
      <Route
        path="desk/summary"
        element={
          <RequireStaff roles={FRONT_DESK}>
            <SummaryPage />
          </RequireStaff>
        }
      />
      <Route
        path="*"
        element={
          <RequireStaff roles={STAFF}>
            <Page title={t.errors.notFound}>{null}</Page>
          </RequireStaff>
        }
      />
    </Routes>
  );
}
