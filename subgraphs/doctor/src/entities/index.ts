import { Doctor } from './doctor.entity';
import { DoctorOffering } from './doctor-offering.entity';
import { Location } from './location.entity';
import { MedicalService } from './medical-service.entity';

export const entities = [Doctor, MedicalService, DoctorOffering, Location];
export { Doctor, DoctorOffering, Location, MedicalService };
