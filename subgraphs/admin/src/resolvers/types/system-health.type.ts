import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum HealthStatus {
  UP = 'UP',
  DOWN = 'DOWN',
}

registerEnumType(HealthStatus, {
  name: 'HealthStatus',
  description: 'UP: answered its health check in time; DOWN: did not, or reported a problem.',
});

@ObjectType('ServiceHealth', { description: "One service's (or Redis's) answer to its health check." })
export class ServiceHealth {
  @Field(() => String)
  name: string;

  @Field(() => HealthStatus)
  status: HealthStatus;

  @Field(() => Int, { nullable: true, description: 'How long the answer took; null when none came within 2 s.' })
  latencyMs: number | null;
}

@ObjectType('QueueHealth', { description: 'Job counts of one BullMQ queue.' })
export class QueueHealth {
  @Field(() => String)
  name: string;

  @Field(() => Int)
  waiting: number;

  @Field(() => Int)
  delayed: number;

  @Field(() => Int)
  active: number;

  @Field(() => Int)
  failed: number;
}

@ObjectType('SystemHealth', { description: 'Every service with its latency, and the background queues.' })
export class SystemHealth {
  @Field(() => [ServiceHealth])
  services: ServiceHealth[];

  @Field(() => [QueueHealth])
  queues: QueueHealth[];
}
