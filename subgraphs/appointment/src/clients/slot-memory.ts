import { recentAnswers } from '@carebook/platform';
import type { ContractClient, schedulingContract, SlotFacts } from '@carebook/platform';

type SchedulingCalls = ContractClient<typeof schedulingContract>;
type AlternativesQuery = Parameters<SchedulingCalls['alternatives']>[0];

/** How long a slot this process booked is answered as taken without asking, at most (a lost release message). */
const TAKEN_TTL_MS = 30_000;
/** How long the refusals of one slot share scheduling's alternatives. */
const ALTERNATIVES_TTL_MS = 2_000;
/** The windows of patients asking within this span share one lookup (the answer is filtered to each one's window). */
const WINDOW_STEP_MS = 10_000;
const MAX_TAKEN = 20_000;

/**
 * What this process knows of slots besides scheduling's answers, so that the
 * refusals of a rush for slots (a campaign opening, where most requests ask
 * for a slot just taken) need no call to scheduling:
 *
 * - the slots it booked, as booked, until a release frees them: every release
 *   goes through `scheduling.releaseSlot` here, which forgets them at once, and
 *   another instance's is heard as scheduling's SLOT_RELEASED on the schedule
 *   channel (`heard`); at most TAKEN_TTL_MS in any case;
 * - a slot's lookup in flight, shared by the requests for that slot that come
 *   while it runs (a rush: hundreds at once for a few slots), and forgotten
 *   with any release (a lookup begun before it might miss it);
 * - scheduling's alternatives, shared for ALTERNATIVES_TTL_MS by the refusals
 *   of one slot, without the slots taken since and those outside the asker's
 *   window now; any change that can add a free slot (new hours, a release)
 *   drops them.
 *
 * Only refusals rest on it: a booking always goes through scheduling's atomic
 * conditional update. While the schedule channel is not heard (`live` false),
 * nothing is remembered.
 */
export interface SlotMemory {
  /** Scheduling's calls, releases and alternatives going through the memory. */
  scheduling: SchedulingCalls;
  /** A slot this process booked, as booked, or undefined (ask scheduling). */
  taken(slotId: string): SlotFacts | undefined;
  /** The slot is now the appointment's (book-slot said so). */
  booked(slot: SlotFacts, appointmentId: string): void;
  /** A message on the schedule channel, or none: then anything may have changed. */
  heard(message?: string): void;
}

export function slotMemory(scheduling: SchedulingCalls, live: () => boolean, now = Date.now): SlotMemory {
  const takenSlots = new Map<string, { slot: SlotFacts; until: number }>();
  const alternatives = recentAnswers(
    (query: AlternativesQuery) => scheduling.alternatives(query),
    ALTERNATIVES_TTL_MS,
    now,
  );
  const lookups = new Map<string, ReturnType<SchedulingCalls['slots']>>();
  const forgetAppointment = (appointmentId: string) => {
    for (const [slotId, entry] of takenSlots) if (entry.slot.appointmentId === appointmentId) takenSlots.delete(slotId);
  };
  const taken = (slotId: string) => {
    const entry = takenSlots.get(slotId);
    if (!entry) return undefined;
    if (entry.until > now() && live()) return entry.slot;
    takenSlots.delete(slotId);
    return undefined;
  };

  const remembering: SchedulingCalls = {
    ...scheduling,
    slots(query) {
      const slotId = query.ids?.length === 1 && !query.appointmentIds ? query.ids[0] : undefined;
      if (!live() || slotId === undefined) return scheduling.slots(query);
      const running = lookups.get(slotId);
      if (running) return running;
      const lookup = scheduling.slots(query).finally(() => {
        if (lookups.get(slotId) === lookup) lookups.delete(slotId);
      });
      lookups.set(slotId, lookup);
      return lookup;
    },
    async releaseSlot(request) {
      try {
        return await scheduling.releaseSlot(request);
      } finally {
        // Forgotten whatever the answer: an unknown outcome must not leave a freed slot answered as taken.
        forgetAppointment(request.appointmentId);
        alternatives.forget();
        lookups.clear();
      }
    },
    async alternatives(query) {
      if (!live()) return scheduling.alternatives(query);
      // The window widened to its step (shared by the patients asking within it), then narrowed to this one's.
      const earliest = query.notBefore ? Date.parse(query.notBefore) : -Infinity;
      const latest = query.notAfter ? Date.parse(query.notAfter) : Infinity;
      const shared = await alternatives({
        ...query,
        ...(query.notBefore ? { notBefore: step(earliest, 'down') } : {}),
        ...(query.notAfter ? { notAfter: step(latest, 'up') } : {}),
      });
      const slots = shared.slots.filter((slot) => {
        const startsAt = Date.parse(slot.startsAt);
        return startsAt >= earliest && startsAt <= latest && !taken(slot.id);
      });
      return { ...shared, slots };
    },
  };

  return {
    scheduling: remembering,
    taken,
    booked(slot, appointmentId) {
      if (!live()) return;
      if (takenSlots.size >= MAX_TAKEN) takenSlots.delete(takenSlots.keys().next().value as string);
      takenSlots.set(slot.id, { slot: { ...slot, status: 'BOOKED', appointmentId }, until: now() + TAKEN_TTL_MS });
    },
    heard(message) {
      const change = message ? scheduleChange(message) : null;
      // A booking only takes slots (the alternatives drop those this process took; others' are refused when
      // asked for), and the appointment events come with the slot events that matter here.
      if (change?.type === 'SLOT_BOOKED' || change?.type.startsWith('APPOINTMENT_')) return;
      alternatives.forget();
      lookups.clear();
      if (!change) return takenSlots.clear();
      if (change.type === 'SLOT_RELEASED') {
        if (change.slotId) takenSlots.delete(change.slotId);
        else takenSlots.clear();
      }
    },
  };
}

/** The instant (ms) rounded down or up to WINDOW_STEP_MS, as an ISO string (the query's form). */
function step(ms: number, way: 'down' | 'up'): string {
  const down = ms - (ms % WINDOW_STEP_MS);
  return new Date(way === 'down' || down === ms ? down : down + WINDOW_STEP_MS).toISOString();
}

/** A schedule channel message's event type and slot, or null when it cannot be read (then assume anything changed). */
function scheduleChange(message: string): { type: string; slotId: string | null } | null {
  try {
    const event = JSON.parse(message) as { type?: unknown; payload?: { slotId?: unknown } };
    if (typeof event.type !== 'string') return null;
    return { type: event.type, slotId: typeof event.payload?.slotId === 'string' ? event.payload.slotId : null };
  } catch {
    return null;
  }
}
