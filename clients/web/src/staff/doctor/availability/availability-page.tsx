import type { ReactNode } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { useSession } from '../../../api/session-context';
import { t } from '../../../i18n';
import { Page } from '../../../ui/page';
import { OneOffForm } from './one-off-form';
import { OneOffList } from './one-off-list';
import { TimeOffForm } from './time-off-form';
import { TimeOffList } from './time-off-list';
import { WeeklyHoursForm } from './weekly-hours-form';

const SECTIONS = [
  { to: '/staff/doctor/availability', label: t.doctor.sections.weekly, end: true },
  { to: '/staff/doctor/availability/days', label: t.doctor.sections.days },
  { to: '/staff/doctor/availability/time-off', label: t.doctor.sections.timeOff },
];

/** A sub-page's form beside the list of what it made (one column on a narrow screen). */
const side = (form: ReactNode, list: ReactNode) => (
  <div className="availability">
    {form}
    {list}
  </div>
);

/**
 * The doctor's own availability, one sub-page per kind of change (each a
 * link, so a section can be bookmarked and the browser's Back works): weekly
 * hours; one-off days, added and removed; time off, taken and removed.
 * Clashes with booked appointments are shown before saving.
 */
export function AvailabilityPage() {
  const doctorId = useSession().session!.user.id;
  return (
    <Page title={t.doctor.availabilityTitle} wide>
      <nav aria-label={t.doctor.sections.label} className="section-nav">
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to} end={section.end}>
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<WeeklyHoursForm doctorId={doctorId} />} />
        <Route path="days" element={side(<OneOffForm doctorId={doctorId} />, <OneOffList doctorId={doctorId} />)} />
        <Route
          path="time-off"
          element={side(<TimeOffForm doctorId={doctorId} />, <TimeOffList doctorId={doctorId} />)}
        />
        <Route path="*" element={<p className="meta">{t.errors.notFound}</p>} />
      </Routes>
    </Page>
  );
}
