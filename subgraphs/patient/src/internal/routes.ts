import { FieldSealer, patientContract, serveContract, type SqlPool } from '@carebook/platform';
import { patientContactsSql } from '../store/patient-contacts-sql';
import { grantCare } from '../use-cases/care-relationships';
import { Patient } from '../entities/patient.entity';
import { discardPatient, provisionPatient } from '../use-cases/patient-profiles';

/** The handlers of the patient contract (platform's contracts/patient.ts says who calls what with which input). */
export function patientInternalRoutes(sealer: FieldSealer, sql: SqlPool) {
  return serveContract(patientContract, {
    provisionPatient: async (input, { orm }) => ({ id: (await provisionPatient(orm.em.fork(), sealer, input)).id }),
    async discardPatient({ id }, { orm }) {
      await discardPatient(orm.em.fork(), id);
      return { id };
    },
    async grantCare({ doctorId, patientId }, { orm }) {
      await grantCare(orm.em.fork(), doctorId, patientId);
      return { doctorId, patientId };
    },
    contacts: async ({ ids }) => ({ contacts: await patientContactsSql(sql, sealer, ids) }),
    async names({ ids }, { orm }) {
      const patients = await orm.em.fork().find(Patient, { id: { $in: ids } }, { fields: ['id', 'name'] });
      return { names: patients.map((p) => ({ id: p.id, name: p.name })) };
    },
  });
}
