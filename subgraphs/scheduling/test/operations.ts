/** The client operations of the contract (operations.graphql) this subgraph serves, plus entity lookups. */
export const SET_WEEKLY =
  'mutation($doctorId: ID!, $rules: [AvailabilityRuleInput!]!) { setWeeklyAvailability(doctorId: $doctorId, rules: $rules) { dayOfWeek startTime endTime slotMinutes } }';
export const ADD_AVAILABILITY =
  'mutation($doctorId: ID!, $date: Date!, $startTime: String!, $endTime: String!, $slotMinutes: Int!) { addAvailability(doctorId: $doctorId, date: $date, startTime: $startTime, endTime: $endTime, slotMinutes: $slotMinutes) { id startsAt endsAt status } }';
export const ADD_TIME_OFF =
  'mutation($doctorId: ID!, $from: DateTime!, $to: DateTime!, $reason: String, $cancelBooked: Boolean) { addTimeOff(doctorId: $doctorId, from: $from, to: $to, reason: $reason, cancelBooked: $cancelBooked) { timeOff { id startsAt endsAt reason } blockedSlots cancelled { id } conflicts { id } } }';
export const REMOVE_TIME_OFF = 'mutation($id: ID!) { removeTimeOff(id: $id) { id reopenedSlots } }';
export const REMOVE_AVAILABILITY =
  'mutation($id: ID!) { removeAvailability(id: $id) { id removedSlots keptAppointments { id } } }';
export const CLOSE_CLINIC =
  'mutation($from: Date!, $to: Date!, $doctorIds: [ID!], $reason: String, $cancelBooked: Boolean) { closeClinic(from: $from, to: $to, doctorIds: $doctorIds, reason: $reason, cancelBooked: $cancelBooked) { timeOffs { id startsAt endsAt doctor { id } } blockedSlots cancelled { id } conflicts { id } } }';
/** Doctor.timeOffs and oneOffAvailability as the gateway asks for them. */
export const DOCTOR_TIME_OFF =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on Doctor { id timeOffs { id startsAt endsAt reason } oneOffAvailability { id date startTime endTime slotMinutes } } } }';
export const AVAILABLE_SLOTS =
  'query($doctorId: ID!, $from: DateTime!, $to: DateTime!, $serviceId: ID) { availableSlots(doctorId: $doctorId, from: $from, to: $to, serviceId: $serviceId) { id startsAt endsAt status } }';
export const CALENDAR =
  'query($from: Date!, $to: Date!, $serviceId: ID, $specialty: String) { availabilityCalendar(from: $from, to: $to, serviceId: $serviceId, specialty: $specialty) { date doctors { doctor { id } freeSlots firstSlot { id startsAt endsAt } } } }';
/** Doctor.schedule and weeklyAvailability as the gateway asks for them (an entity lookup). */
export const DOCTOR_SCHEDULE =
  'query($r: [_Any!]!, $from: DateTime!, $to: DateTime!) { _entities(representations: $r) { ... on Doctor { id schedule(from: $from, to: $to) { id startsAt endsAt status doctor { id } } } } }';
export const WEEKLY_AVAILABILITY =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on Doctor { id weeklyAvailability { dayOfWeek startTime endTime slotMinutes } } } }';
export const doctorRef = (id: string) => ({ r: [{ __typename: 'Doctor', id }] });
/** Hours and slots with their location and zone (clinic locations, each in its own zone). */
export const SET_WEEKLY_AT =
  'mutation($doctorId: ID!, $rules: [AvailabilityRuleInput!]!) { setWeeklyAvailability(doctorId: $doctorId, rules: $rules) { dayOfWeek startTime endTime location { id } timeZone } }';
export const ADD_AVAILABILITY_AT =
  'mutation($doctorId: ID!, $date: Date!, $startTime: String!, $endTime: String!, $slotMinutes: Int!, $locationId: ID) { addAvailability(doctorId: $doctorId, date: $date, startTime: $startTime, endTime: $endTime, slotMinutes: $slotMinutes, locationId: $locationId) { id startsAt status location { id } timeZone } }';
export const LOCATED_SCHEDULE =
  'query($r: [_Any!]!, $from: DateTime!, $to: DateTime!) { _entities(representations: $r) { ... on Doctor { id schedule(from: $from, to: $to) { id startsAt status location { id } timeZone } } } }';
export const CLOSE_LOCATION =
  'mutation($from: Date!, $to: Date!, $locationId: ID, $doctorIds: [ID!], $cancelBooked: Boolean) { closeClinic(from: $from, to: $to, locationId: $locationId, doctorIds: $doctorIds, cancelBooked: $cancelBooked) { timeOffs { id doctor { id } } blockedSlots conflicts { id } } }';
/** The doctor service owns locations (asked of it directly, as the gateway would). */
export const CREATE_LOCATION =
  'mutation($input: CreateLocationInput!) { createLocation(input: $input) { id name timeZone } }';
export const LOCATED_CALENDAR =
  'query($from: Date!, $to: Date!, $serviceId: ID, $specialty: String) { availabilityCalendar(from: $from, to: $to, serviceId: $serviceId, specialty: $specialty) { date doctors { doctor { id } firstSlot { id timeZone location { id } } } } }';
