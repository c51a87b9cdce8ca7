import { BadUserInput, Forbidden } from '@carebook/platform';

export const DIAGNOSIS_MAX_LENGTH = 2000;
export const NOTES_MAX_LENGTH = 10_000;

export const RECORD_MESSAGES = {
  diagnosis: `diagnosis must be 1 to ${DIAGNOSIS_MAX_LENGTH} characters and not blank`,
  notes: `notes must be at most ${NOTES_MAX_LENGTH} characters`,
  nothingToChange: 'Send diagnosis, notes or both to change a medical record.',
  notTheAuthor: 'Only the doctor who wrote this medical record can change it.',
};

export interface RecordContent {
  diagnosis: string;
  notes: string | null;
}

function checkDiagnosis(diagnosis: string | null | undefined): string {
  const trimmed = diagnosis?.trim() ?? '';
  if (trimmed.length < 1 || trimmed.length > DIAGNOSIS_MAX_LENGTH)
    throw new BadUserInput(RECORD_MESSAGES.diagnosis, 'diagnosis');
  return trimmed;
}

function checkNotes(notes: string | null | undefined): string | null {
  if (notes === null || notes === undefined) return null;
  if (notes.length > NOTES_MAX_LENGTH) throw new BadUserInput(RECORD_MESSAGES.notes, 'notes');
  return notes;
}

/** The content of a new record, or BAD_USER_INPUT. */
export function checkNewRecord(input: { diagnosis: string; notes?: string | null }): RecordContent {
  return { diagnosis: checkDiagnosis(input.diagnosis), notes: checkNotes(input.notes) };
}

/** The fields an edit changes (absent: unchanged; notes null: removed), or BAD_USER_INPUT. */
export function checkRecordChanges(input: {
  diagnosis?: string | null;
  notes?: string | null;
}): Partial<RecordContent> {
  if (input.diagnosis === undefined && input.notes === undefined)
    throw new BadUserInput(RECORD_MESSAGES.nothingToChange);
  return {
    ...(input.diagnosis !== undefined ? { diagnosis: checkDiagnosis(input.diagnosis) } : {}),
    ...(input.notes !== undefined ? { notes: checkNotes(input.notes) } : {}),
  };
}

/** A record is its author's statement: nobody else, not even an admin, may reword it. */
export function recordEditRefusal(record: { doctorId: string }, doctorId: string): Forbidden | undefined {
  return record.doctorId === doctorId ? undefined : new Forbidden(RECORD_MESSAGES.notTheAuthor);
}
