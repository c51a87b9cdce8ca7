import type { EntityManager } from '@mikro-orm/core';
import { averageRating } from '../domain/feedback-rules';

export interface DoctorRating {
  rating: number | null;
  reviewCount: number;
}

/** Rating and review count of each doctor, in one aggregate query for the whole batch. */
export async function ratingsOf(em: EntityManager, doctorIds: readonly string[]): Promise<DoctorRating[]> {
  const rows = (await em
    .getConnection()
    .execute(
      `select doctor_id, sum(rating) as total, count(*) as reviews from feedback where doctor_id in (${doctorIds.map(() => '?').join(', ')}) group by doctor_id`,
      [...doctorIds],
    )) as Array<{ doctor_id: string; total: string | number; reviews: string | number }>;
  const byDoctor = new Map(rows.map((row) => [row.doctor_id, row]));
  return doctorIds.map((id) => {
    const row = byDoctor.get(id);
    const reviewCount = row ? Number(row.reviews) : 0;
    return { rating: averageRating(row ? Number(row.total) : 0, reviewCount), reviewCount };
  });
}
