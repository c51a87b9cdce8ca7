import { FieldSealer, patientContract, serveContract } from '@carebook/platform';
import { grantCare } from '../use-cases/care-relationships';
import { Patient } from '../entities/patient.entity';
import { discardPatient, provisionPatient } from '../use-cases/patient-profiles';
import { SEALED } from '../domain/sealed-columns';

/** The handlers of the patient contract (platform's contracts/patient.ts says who calls what with which input). */
export function patientInternalRoutes(sealer: FieldSealer) {
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
    async contacts({ ids }, { orm }) {
      const patients = await orm.em.fork().find(Patient, { id: { $in: ids } });
      return {
        contacts: patients.map((p) => ({
          id: p.id,
          name: p.name,
          email: p.email,
          phone: sealer.open(SEALED.phone, p.id, p.phoneSealed),
          notificationChannels: p.notificationChannels,
        })),
      };
    },
    async names({ ids }, { orm }) {
      const patients = await orm.em.fork().find(Patient, { id: { $in: ids } }, { fields: ['id', 'name'] });
      return { names: patients.map((p) => ({ id: p.id, name: p.name })) };
    },
  });
}
