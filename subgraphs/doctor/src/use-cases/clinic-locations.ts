import {
  ActingUser,
  BadUserInput,
  Conflict,
  DEFAULT_LOCATION_ID,
  LocationFacts,
  NotFound,
  recordAdminAction,
} from '@carebook/platform';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Location } from '../entities/location.entity';
import type { LocationChanges, NewLocation } from '../domain/location-rules';

/** This service's name on the events it records. */
const SOURCE = 'doctor';

/** What the default location is called until an admin names it (its address is empty: notices then name the doctor's practice, as before). */
export const DEFAULT_LOCATION_NAME = 'Main location';

function duplicateName(name: string): Conflict {
  return new Conflict(`A location named "${name}" already exists; choose another name.`, { field: 'name' });
}

export const locationFacts = (l: Location): LocationFacts => ({
  id: l.id,
  name: l.name,
  address: l.address,
  timeZone: l.timeZone,
  active: l.active,
  isDefault: l.isDefault,
});

/**
 * Makes sure the default location exists, in CLINIC_TIME_ZONE (run at every
 * start): hours and appointments recorded before locations existed belong to
 * it, so a single-site clinic changes nothing. CLINIC_TIME_ZONE stays its zone.
 */
export async function ensureDefaultLocation(em: EntityManager, zone: string): Promise<Location> {
  const existing = await em.findOne(Location, { id: DEFAULT_LOCATION_ID });
  if (existing) {
    if (existing.timeZone !== zone) {
      existing.timeZone = zone;
      await em.flush();
    }
    return existing;
  }
  const created = em.create(Location, {
    id: DEFAULT_LOCATION_ID,
    name: DEFAULT_LOCATION_NAME,
    address: '',
    timeZone: zone,
    isDefault: true,
  });
  try {
    await em.flush();
    return created;
  } catch (error) {
    // Another instance starting at the same moment wrote it first.
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    return em.fork().findOneOrFail(Location, { id: DEFAULT_LOCATION_ID });
  }
}

/** Adds a location; an admin's addition is logged (through the outbox) in the same transaction. */
export async function createLocation(em: EntityManager, draft: NewLocation, actor: ActingUser): Promise<Location> {
  if (await em.count(Location, { name: draft.name })) throw duplicateName(draft.name);
  try {
    return await em.transactional(async (tx) => {
      const location = tx.create(Location, draft);
      await tx.flush();
      const details = { name: location.name, timeZone: location.timeZone };
      await recordAdminAction(tx, SOURCE, actor, 'CREATE_LOCATION', location.id, details);
      return location;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw duplicateName(draft.name);
    throw error;
  }
}

/**
 * Renames, re-addresses or (de)activates a location. Its zone is fixed once
 * created: the hours there are wall-clock times in it and booked times were
 * shown to patients in it, so moving them silently would mislead both.
 * An admin's change is logged (through the outbox) in the same transaction.
 */
export async function updateLocation(
  em: EntityManager,
  changes: LocationChanges,
  actor: ActingUser,
): Promise<Location> {
  const { id, timeZone, ...fields } = changes;
  const location = await em.findOne(Location, { id });
  if (!location) throw new NotFound('Location', id);
  if (timeZone !== undefined && timeZone !== location.timeZone) {
    throw new BadUserInput(
      location.isDefault
        ? `The default location's time zone is CLINIC_TIME_ZONE (${location.timeZone}); change that setting and restart instead.`
        : `A location's time zone cannot change (its hours and booked times are in ${location.timeZone}); create a new location in ${timeZone} and move the hours there.`,
      'timeZone',
    );
  }
  if (fields.active === false && location.isDefault)
    throw new BadUserInput(
      'The default location cannot be deactivated: hours without a location belong to it.',
      'active',
    );
  if (
    fields.name &&
    fields.name !== location.name &&
    (await em.count(Location, { name: fields.name, id: { $ne: id } }))
  )
    throw duplicateName(fields.name);
  const given = Object.entries(fields).filter(([, value]) => value !== undefined);
  em.assign(location, Object.fromEntries(given));
  try {
    await em.transactional(async (tx) => {
      await tx.flush();
      const details = {
        fields: Object.keys(changes).filter((key) => key !== 'id' && changes[key as never] !== undefined),
      };
      await recordAdminAction(tx, SOURCE, actor, 'UPDATE_LOCATION', location.id, details);
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw duplicateName(String(fields.name));
    throw error;
  }
  return location;
}

/** Every location (the default first, then by name); inactive ones too, for appointments booked there. */
export function allLocations(em: EntityManager): Promise<Location[]> {
  return em.find(Location, {}, { orderBy: { isDefault: 'desc', name: 'asc' } });
}
