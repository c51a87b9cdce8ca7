import type { ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import { t } from './i18n';
import { AppointmentPage } from './patient/appointments/appointment-page';
import { AppointmentsPage } from './patient/appointments/appointments-page';
import { ReschedulePage } from './patient/appointments/reschedule-page';
import { ForgotPasswordPage } from './patient/auth/forgot-password-page';
import { RegisterPage } from './patient/auth/register-page';
import { RequireSession } from './patient/auth/require-session';
import { ResetPasswordPage } from './patient/auth/reset-password-page';
import { SignInPage } from './patient/auth/sign-in-page';
import { BookPage } from './patient/booking/book-page';
import { DoctorsPage } from './patient/catalogue/doctors-page';
import { ServicesPage } from './patient/catalogue/services-page';
import { FeedbackPage } from './patient/feedback/feedback-page';
import { InvoicePage } from './patient/invoices/invoice-page';
import { InvoicesPage } from './patient/invoices/invoices-page';
import { ProfilePage } from './patient/profile/profile-page';
import { StaffRoutes } from './staff/staff-routes';
import { Layout } from './ui/layout';
import { Page } from './ui/page';

const own = (page: ReactElement) => <RequireSession>{page}</RequireSession>;

/** The patient app's pages and the staff area (/staff, staff/staff-routes.tsx); emails link to /appointments/:id, /invoices/:id, /appointments/:id/feedback and /reset-password?token=. */
export function App() {
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<ServicesPage />} />
        <Route path="/doctors" element={<DoctorsPage />} />
        <Route path="/book" element={<BookPage />} />
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/register" element={<RegisterPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/appointments" element={own(<AppointmentsPage />)} />
        <Route path="/appointments/:id" element={own(<AppointmentPage />)} />
        <Route path="/appointments/:id/reschedule" element={own(<ReschedulePage />)} />
        <Route path="/appointments/:id/feedback" element={own(<FeedbackPage />)} />
        <Route path="/invoices" element={own(<InvoicesPage />)} />
        <Route path="/invoices/:id" element={own(<InvoicePage />)} />
        <Route path="/profile" element={own(<ProfilePage />)} />
        <Route path="/staff/*" element={<StaffRoutes />} />
        <Route path="*" element={<Page title={t.errors.notFound}>{null}</Page>} />
      </Routes>
    </Layout>
  );
}
