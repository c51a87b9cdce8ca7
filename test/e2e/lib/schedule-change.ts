import type { LiveResult } from '@carebook/platform/testing';
import type { ScheduleChangedSubscription } from '@carebook/sdk';

/** One schedule change, as the contract's ScheduleChanged subscription selects it. */
export type ScheduleChange = ScheduleChangedSubscription['scheduleChanged'];

/**
 * The change a live result of the contract's ScheduleChanged carries. Results come over graphql-ws untyped; this
 * reads them as the contract's type, and (like reading `data.scheduleChanged` directly) throws on a result that
 * carries no data, so the test fails there.
 */
export function scheduleChange(result: LiveResult): ScheduleChange {
  return (result.data as ScheduleChangedSubscription).scheduleChanged;
}

/** The kind of change a live result carries; undefined for a result without one (an error). */
export function changeKind(result: LiveResult): string | undefined {
  return (result.data as ScheduleChangedSubscription | undefined)?.scheduleChanged?.kind;
}

/** Whether a live result carries a change (rather than errors alone). */
export function carriesChange(result: LiveResult): boolean {
  return Boolean((result.data as ScheduleChangedSubscription | undefined)?.scheduleChanged);
}
