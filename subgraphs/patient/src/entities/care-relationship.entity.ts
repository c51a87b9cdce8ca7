import { Entity, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Records that a doctor has (or had) an appointment with a patient, which is
 * what lets the doctor read the patient's chart and write in it. Filled by the
 * appointment service through the internal route grant-care; never removed by
 * a cancellation, since the doctor may have written in the chart already.
 */
@Entity({ tableName: 'care_relationships' })
@Index({ properties: ['patientId'] })
export class CareRelationship {
  @PrimaryKey({ type: 'string', length: 36 })
  doctorId: string;

  @PrimaryKey({ type: 'string', length: 36 })
  patientId: string;

  @Property({ type: 'datetime', length: 3 })
  since: Date & Opt = new Date();
}
