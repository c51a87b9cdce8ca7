import { t } from '../../i18n';
import { Page } from '../../ui/page';
import { BookingFlow } from './booking-flow';

export function BookPage() {
  return (
    <Page title={t.booking.title} wide>
      <BookingFlow mode={{ kind: 'book' }} />
    </Page>
  );
}
