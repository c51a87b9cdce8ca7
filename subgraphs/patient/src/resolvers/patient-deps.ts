import type { CareConfirmation } from '../domain/care-confirmation';
import type { Sealer } from '../domain/sealed-fields';

/** What the patient resolvers need, built once at start and injected. */
export interface PatientDeps {
  sealer: Sealer;
  /** Asks the appointment service when no care relationship is recorded (yet). */
  confirmCare?: CareConfirmation;
}
