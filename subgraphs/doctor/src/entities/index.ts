import { OutboxEvent } from '@carebook/platform';
import { Doctor } from './doctor.entity';
import { DoctorOffering } from './doctor-offering.entity';
import { Location } from './location.entity';
import { MedicalService } from './medical-service.entity';

/** OutboxEvent: the admin actions taken here, for the admin service's log (recordAdminAction). */
export const entities = [Doctor, MedicalService, DoctorOffering, Location, OutboxEvent];
export { Doctor, DoctorOffering, Location, MedicalService };
