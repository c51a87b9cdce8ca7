import { parseDatabaseUrl } from '@carebook/platform';
import { mongoSlotStore } from './mongo-slot-store';
import { mysqlSlotStore } from './mysql-slot-store';
import type { SlotStore } from './slot-store';

export type { CalendarRow, FreeSlot, FreeSlotsSide, NewSlot, SlotStore } from './slot-store';

/** The store-specific queries for the database the URL names. */
export function slotStoreFor(databaseUrl: string): SlotStore {
  return parseDatabaseUrl(databaseUrl).kind === 'mongodb' ? mongoSlotStore : mysqlSlotStore;
}
