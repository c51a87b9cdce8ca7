import type { Sealer } from '../domain/sealed-fields';

/** What the patient resolvers need, built once at start and injected. */
export interface PatientDeps {
  sealer: Sealer;
}
