import { parseDuration } from '@carebook/platform';

/**
 * Reminder offsets: how long before an appointment a reminder goes out.
 * Written as durations (`24h`, `1h`, `30m`, `90s`, `1h30m`, read by the platform's parseDuration); the written form
 * is also the offset's name in job ids and the log, so it stays readable.
 */
export interface ReminderOffset {
  /** As configured, normalised: `24h`, `2m`. Safe in BullMQ job ids (no colon). */
  name: string;
  ms: number;
}

/** Parses `24h,1h`; null when any part is not a positive duration. Duplicates collapse. */
export function parseOffsets(text: string): ReminderOffset[] | null {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return [];
  const offsets = new Map<string, ReminderOffset>();
  for (const part of parts) {
    const ms = parseDuration(part);
    if (ms === null) return null;
    offsets.set(part.toLowerCase(), { name: part.toLowerCase(), ms });
  }
  return [...offsets.values()].sort((a, b) => b.ms - a.ms);
}

export interface DueReminder {
  offset: ReminderOffset;
  dueAt: Date;
}

/** The reminders still ahead for an appointment starting at `startsAt`; offsets already past are skipped. */
export function dueReminders(startsAt: Date, offsets: ReminderOffset[], now: Date = new Date()): DueReminder[] {
  return offsets
    .map((offset) => ({ offset, dueAt: new Date(startsAt.getTime() - offset.ms) }))
    .filter((reminder) => reminder.dueAt.getTime() > now.getTime());
}
