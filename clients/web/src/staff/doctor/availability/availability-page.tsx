import { useSession } from '../../../api/session-context';
import { t } from '../../../i18n';
import { Page } from '../../../ui/page';
import { OneOffForm } from './one-off-form';
import { TimeOffForm } from './time-off-form';
import { WeeklyHoursForm } from './weekly-hours-form';

/** The doctor's own availability: weekly hours, a one-off day, time off (clashes with bookings shown before saving). */
export function AvailabilityPage() {
  const doctorId = useSession().session!.user.id;
  return (
    <Page title={t.doctor.availabilityTitle} wide>
      <div className="availability">
        <WeeklyHoursForm doctorId={doctorId} />
        <div>
          <TimeOffForm doctorId={doctorId} />
          <OneOffForm doctorId={doctorId} />
        </div>
      </div>
    </Page>
  );
}
