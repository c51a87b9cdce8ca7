import { useQuery } from '@apollo/client/react';
import { MyAppointmentsDocument, type MyAppointmentsQuery } from '@carebook/sdk';
import { useRefetchOnFocus } from '../../ui/hooks';

export type MyAppointment = MyAppointmentsQuery['myAppointments'][number];

/** The patient's appointments (the one query that lists them), fresh when the window regains focus. */
export function useMyAppointments() {
  const result = useQuery(MyAppointmentsDocument, { variables: {} });
  useRefetchOnFocus(result.refetch);
  return result;
}

export const isUpcoming = (a: MyAppointment) =>
  (a.status === 'CONFIRMED' || a.status === 'PENDING') && a.endsAt > new Date().toISOString();
