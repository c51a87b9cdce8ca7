import { t } from '../../../i18n';
import { Page } from '../../../ui/page';

/** The doctor's weekly hours, one-off days and time off. */
export function AvailabilityPage() {
  return <Page title={t.doctor.availabilityTitle}>{null}</Page>;
}
