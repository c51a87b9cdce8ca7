import { recentAnswers, type ChannelListener } from '@carebook/platform';
import { doctorsByIds, type DoctorCalls } from './doctor-directory';

/** Doctors' names as a slot @provides them (Slot.doctor): by id, in any state (a deactivated doctor's slots keep theirs). */
export interface DoctorNames {
  names(ids: readonly string[]): Promise<Map<string, string>>;
  /** Drops what is kept: the doctor service announced a change. */
  forget(): void;
}

/**
 * A live change's slot, a doctor's schedule and the front desk's day name
 * the slots' doctors, and the gateway would otherwise fetch each name from
 * the doctor service in a second round after this one. Names change rarely:
 * they are kept for `ttlMs` and forgotten at once on the doctor service's
 * announcements (a profile saved announces its doctor); while that feed is
 * not heard (`directory.live()` false) every request asks afresh, so a
 * renamed doctor is never shown by the old name for longer than the
 * announcement takes.
 */
export function doctorNames(
  doctors: DoctorCalls,
  directory: () => Pick<ChannelListener, 'live'> | undefined,
  ttlMs = 60_000,
): DoctorNames {
  const ask = async (ids: string[]) =>
    new Map((await doctorsByIds(doctors, ids)).map((doctor) => [doctor.id, doctor.name]));
  const kept = recentAnswers(ask, ttlMs);
  return {
    names(ids) {
      const sorted = [...new Set(ids)].sort();
      return directory()?.live() ? kept(sorted) : ask(sorted);
    },
    forget: () => kept.forget(),
  };
}
