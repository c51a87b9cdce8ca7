import type { CareConfirmation } from './clients/care-confirmation';
import type { FieldSealer } from '@carebook/platform';

/** What the patient resolvers need, built once at start and injected. */
export interface PatientDeps {
  sealer: FieldSealer;
  /** Asks the appointment service when no care relationship is recorded (yet). */
  confirmCare?: CareConfirmation;
}
