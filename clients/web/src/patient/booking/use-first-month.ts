import { useApolloClient } from '@apollo/client/react';
import { AvailabilityCalendarDocument } from '@carebook/sdk';
import { useEffect, useState } from 'react';
import { addMonths, firstOfMonth, lastOfMonth, monthOf, type Clock } from '../../i18n/clock';

const LOOK_AHEAD_MONTHS = 6;

/**
 * The month the calendar opens on: the first, from today's, that has a free
 * time for the choice (a calendar that opens on an empty month looks like
 * "nothing available"). Null while looking; today's month if none has.
 */
export function useFirstMonthWithTimes(
  clock: Clock,
  serviceId: string | null,
  doctorId: string | null,
  skip: boolean,
): { month: string | null; none: boolean } {
  const apollo = useApolloClient();
  const [found, setFound] = useState<{ key: string; month: string; none: boolean } | null>(null);
  const key = `${serviceId}|${doctorId}`;
  useEffect(() => {
    if (skip || !serviceId) return;
    let cancelled = false;
    void (async () => {
      const today = clock.today();
      const start = monthOf(today);
      for (let i = 0; i < LOOK_AHEAD_MONTHS; i += 1) {
        const month = addMonths(start, i);
        const from = i === 0 ? today : firstOfMonth(month);
        const { data } = await apollo
          .query({
            query: AvailabilityCalendarDocument,
            variables: { from, to: lastOfMonth(month), serviceId },
            fetchPolicy: 'network-only',
          })
          .catch(() => ({ data: undefined }));
        if (cancelled) return;
        const days = data?.availabilityCalendar ?? [];
        if (days.some((day) => day.doctors.some((d) => d.freeSlots > 0 && (!doctorId || d.doctor.id === doctorId))))
          return setFound({ key, month, none: false });
      }
      if (!cancelled) setFound({ key, month: start, none: true });
    })();
    return () => {
      cancelled = true;
    };
  }, [apollo, clock, key, serviceId, doctorId, skip]);
  if (skip) return { month: null, none: false };
  return found?.key === key ? { month: found.month, none: found.none } : { month: null, none: false };
}
