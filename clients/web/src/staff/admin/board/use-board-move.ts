import { useMutation } from '@apollo/client/react';
import { MoveAppointmentDocument } from '@carebook/sdk';
import { useState } from 'react';
import { messageFor } from '../../../api/error-message';
import { t } from '../../../i18n';
import { useClock } from '../../../i18n/clock-context';
import { useAdminNotice } from '../admin-notice';
import type { BoardAppointment, PendingMove } from './board-types';
import { refusalReason } from './refusal-reason';

/**
 * Moving an appointment from the board: shown at its new time at once, then
 * kept when the API confirms, or put back with the reason when it refuses
 * (the slot was taken meanwhile). Every schedule on the board is refetched
 * after either answer, so the board shows what the API now holds.
 */
export function useBoardMove() {
  const clock = useClock();
  const [mutate] = useMutation(MoveAppointmentDocument);
  const [pending, setPending] = useState<PendingMove | null>(null);
  const { notice, say, clear } = useAdminNotice();

  async function move(appointment: BoardAppointment, to: { id: string; startsAt: string }) {
    if (pending || to.id === appointment.slotId) return;
    clear();
    setPending({ appointment, toSlotId: to.id });
    try {
      const { data } = await mutate({
        variables: { id: appointment.id, newSlotId: to.id },
        refetchQueries: ['DoctorSchedule'],
        awaitRefetchQueries: true,
      });
      const result = data?.rescheduleAppointment;
      if (result?.__typename === 'BookingConfirmed')
        say(
          'success',
          t.admin.board.moved(
            appointment.patientName,
            clock.in(result.appointment.timeZone).dateTime(result.appointment.startsAt),
          ),
        );
      else if (result?.__typename === 'SlotUnavailable')
        say('error', t.admin.board.moveRefused(appointment.patientName, refusalReason(result.reason)));
    } catch (error) {
      say('error', t.admin.board.moveRefused(appointment.patientName, messageFor(error)));
    } finally {
      setPending(null);
    }
  }

  return { pending, notice, clear, move, say };
}
