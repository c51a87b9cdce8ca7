import { Role } from '@carebook/platform';
import { Authorized, Query, Resolver } from 'type-graphql';
import type { SystemHealthChecker } from '../use-cases/system-health';
import { HealthStatus, SystemHealth } from './types/system-health.type';

@Resolver(() => SystemHealth)
export class SystemHealthResolver {
  constructor(private readonly checker: SystemHealthChecker) {}

  @Authorized(Role.ADMIN)
  @Query(() => SystemHealth, {
    description:
      "Each service's health and latency (DOWN when it does not answer in 2 s) and the queues' job counts. Admins only.",
  })
  async systemHealth(): Promise<SystemHealth> {
    const report = await this.checker.check();
    return { ...report, services: report.services.map((s) => ({ ...s, status: s.status as HealthStatus })) };
  }
}
