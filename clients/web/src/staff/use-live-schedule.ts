import { useSubscription } from '@apollo/client/react';
import { ScheduleChangedDocument, type ScheduleChangedSubscription } from '@carebook/sdk';
import { useRef, useState } from 'react';
import { useOnReconnect } from '../api/reconnect-signal';

export type ScheduleChange = ScheduleChangedSubscription['scheduleChanged'];

/**
 * Keeps a schedule on screen live: subscribes to `scheduleChanged` (one
 * doctor's, or every doctor's with null, for admins) and calls `refetch`
 * on each change and after the connection came back (pub/sub keeps nothing
 * while away, so the visible range is fetched again). The event itself is
 * also merged into Apollo's cache (slot and appointment by id); the refetch
 * brings what it does not carry, such as a slot's newly booked appointment.
 * The SDK's client renews an expired token and resubscribes on its own.
 */
export function useLiveSchedule(doctorId: string | null, refetch: () => unknown) {
  const latest = useRef(refetch);
  latest.current = refetch;
  const [lastChange, setLastChange] = useState<ScheduleChange | null>(null);
  const { error, restart } = useSubscription(ScheduleChangedDocument, {
    variables: { doctorId },
    onData: ({ data }) => {
      const change = data.data?.scheduleChanged;
      if (!change) return;
      setLastChange(change);
      void latest.current();
    },
  });
  useOnReconnect(() => latest.current());
  return {
    lastChange,
    /** The subscription failed for good (refused, or the server gave up): say so and offer `reconnect`. */
    stopped: Boolean(error),
    reconnect: () => {
      restart();
      void latest.current();
    },
  };
}
