import { buildFederatedSchema } from '@carebook/platform';
import type { AppointmentDeps } from './deps';
import { references } from './references/federated.reference';
import { AppointmentChangeResolver } from './resolvers/appointment-change.resolver';
import { AppointmentResolver } from './resolvers/appointment.resolver';
import { BookingResolver } from './resolvers/booking.resolver';
import {
  DoctorAppointmentsResolver,
  PatientAppointmentsResolver,
  SlotAppointmentResolver,
} from './resolvers/party-appointments.resolver';
import {
  ProvidedDoctorNameResolver,
  ProvidedLocationResolver,
  ProvidedPatientNameResolver,
  ProvidedServiceNameResolver,
} from './resolvers/provided-names.resolver';
import { ScheduleSummaryResolver } from './resolvers/schedule-summary.resolver';
import type { OutcomeCounter } from './store/outcome-counts';

export interface AppointmentSchemaDeps {
  domain: AppointmentDeps;
  countOutcomes: OutcomeCounter;
}

/** The appointment subgraph's schema; `deps` may be omitted when only the SDL is needed. */
export function buildAppointmentSchema(deps?: AppointmentSchemaDeps) {
  return buildFederatedSchema({
    resolvers: [
      BookingResolver,
      AppointmentResolver,
      AppointmentChangeResolver,
      ScheduleSummaryResolver,
      PatientAppointmentsResolver,
      DoctorAppointmentsResolver,
      SlotAppointmentResolver,
      ProvidedDoctorNameResolver,
      ProvidedServiceNameResolver,
      ProvidedLocationResolver,
      ProvidedPatientNameResolver,
    ],
    instances: deps
      ? [
          new BookingResolver(deps.domain),
          new AppointmentResolver(deps.domain),
          new AppointmentChangeResolver(deps.domain),
          new ScheduleSummaryResolver(deps.domain, deps.countOutcomes),
          new SlotAppointmentResolver(deps.domain),
          new ProvidedDoctorNameResolver(deps.domain),
          new ProvidedServiceNameResolver(deps.domain),
          new ProvidedLocationResolver(deps.domain),
          new ProvidedPatientNameResolver(deps.domain),
        ]
      : [],
    references,
  });
}
