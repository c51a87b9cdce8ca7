import { groupedLoader, RequestContext } from '@carebook/platform';
import { DoctorOffering } from '../entities/doctor-offering.entity';
import type { MedicalService } from '../entities/medical-service.entity';

/** The active services of each doctor, for every doctor in the request at once (one joined query). */
export async function servicesOfDoctor(ctx: RequestContext, doctorId: string): Promise<MedicalService[]> {
  const loader = groupedLoader(
    ctx,
    'doctor-services',
    (doctorIds) =>
      ctx.em.find(
        DoctorOffering,
        { doctor: { $in: [...doctorIds] }, service: { active: true } },
        { populate: ['service'], strategy: 'joined', orderBy: { service: { name: 'asc' } } },
      ),
    (offering) => offering.doctor.id,
  );
  const offerings = await loader.load(doctorId);
  return offerings.map((offering) => offering.service);
}
