import { t } from '../../../i18n';

/** A SlotUnavailable reason code (TAKEN, BLOCKED, PAST, NOT_FOUND) in words. */
export const refusalReason = (code: string) => t.admin.board.reasons[code] ?? t.admin.board.otherReason;
