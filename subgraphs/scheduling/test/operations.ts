/** The client operations of the contract (operations.graphql) this subgraph serves, plus entity lookups. */
export const SET_WEEKLY =
  'mutation($doctorId: ID!, $rules: [AvailabilityRuleInput!]!) { setWeeklyAvailability(doctorId: $doctorId, rules: $rules) { dayOfWeek startTime endTime slotMinutes } }';
export const ADD_AVAILABILITY =
  'mutation($doctorId: ID!, $date: Date!, $startTime: String!, $endTime: String!, $slotMinutes: Int!) { addAvailability(doctorId: $doctorId, date: $date, startTime: $startTime, endTime: $endTime, slotMinutes: $slotMinutes) { id startsAt endsAt status } }';
export const ADD_TIME_OFF =
  'mutation($doctorId: ID!, $from: DateTime!, $to: DateTime!, $reason: String) { addTimeOff(doctorId: $doctorId, from: $from, to: $to, reason: $reason) { blockedSlots conflicts { id } } }';
export const AVAILABLE_SLOTS =
  'query($doctorId: ID!, $from: DateTime!, $to: DateTime!, $serviceId: ID) { availableSlots(doctorId: $doctorId, from: $from, to: $to, serviceId: $serviceId) { id startsAt endsAt status } }';
export const CALENDAR =
  'query($from: Date!, $to: Date!, $serviceId: ID, $specialty: String) { availabilityCalendar(from: $from, to: $to, serviceId: $serviceId, specialty: $specialty) { date doctors { doctor { id } freeSlots firstSlot { id startsAt endsAt } } } }';
/** Doctor.schedule and weeklyAvailability as the gateway asks for them (an entity lookup). */
export const DOCTOR_SCHEDULE =
  'query($r: [_Any!]!, $from: DateTime!, $to: DateTime!) { _entities(representations: $r) { ... on Doctor { id schedule(from: $from, to: $to) { id startsAt endsAt status doctor { id } } } } }';
export const WEEKLY_AVAILABILITY = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Doctor { id weeklyAvailability { dayOfWeek startTime endTime slotMinutes } } } }';
export const doctorRef = (id: string) => ({ r: [{ __typename: 'Doctor', id }] });
