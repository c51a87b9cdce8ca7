import { groupedLoader, RequestContext } from '@carebook/platform';
import type { PublicListings } from '../store/public-listings';
import type { MedicalService } from '../entities/medical-service.entity';

/** The active services of each doctor, for every doctor in the request at once (one joined query, or none when the list is kept). */
export async function servicesOfDoctor(
  ctx: RequestContext,
  listings: PublicListings,
  doctorId: string,
): Promise<MedicalService[]> {
  const loader = groupedLoader(
    ctx,
    'doctor-services',
    (doctorIds) => listings.offerings([...doctorIds]),
    (offering) => offering.doctor.id,
  );
  const offerings = await loader.load(doctorId);
  return offerings.map((offering) => offering.service);
}
