import { useQuery } from '@apollo/client/react';
import { DoctorScheduleDocument } from '@carebook/sdk';
import { useClock } from '../../../i18n/clock-context';
import { dayQueryRange } from './clinic-day';

/** One doctor's slots on one clinic day, earliest first. */
export function useDaySchedule(doctorId: string | null, date: string) {
  const clock = useClock();
  const query = useQuery(DoctorScheduleDocument, {
    variables: { doctorId: doctorId ?? '', ...dayQueryRange(date) },
    skip: !doctorId,
  });
  const slots = (query.data?.doctor.schedule ?? [])
    .filter((slot) => clock.dateOf(slot.startsAt) === date)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return { slots, loading: query.loading && !query.data, error: query.error };
}
