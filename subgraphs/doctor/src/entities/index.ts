import { Doctor } from './doctor.entity';
import { DoctorOffering } from './doctor-offering.entity';
import { MedicalService } from './medical-service.entity';

export const entities = [Doctor, MedicalService, DoctorOffering];
export { Doctor, DoctorOffering, MedicalService };
