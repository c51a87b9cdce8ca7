import { Entity, ManyToOne, PrimaryKeyProp, Rel } from '@mikro-orm/core';
import type { Doctor } from './doctor.entity';
import { MedicalService } from './medical-service.entity';

/**
 * That a doctor offers a medical service (the many-to-many link). An explicit
 * entity rather than a hidden pivot table so that the services of many
 * doctors can be read in one query and grouped by doctor.
 */
@Entity({ tableName: 'doctor_services' })
export class DoctorOffering {
  [PrimaryKeyProp]?: ['doctor', 'service'];

  // A discarded doctor takes their links along; a service in use cannot be deleted (deactivate it instead).
  @ManyToOne({ entity: 'Doctor', primary: true, deleteRule: 'cascade' })
  doctor: Rel<Doctor>;

  @ManyToOne({ entity: () => MedicalService, primary: true, deleteRule: 'restrict' })
  service: Rel<MedicalService>;
}
