import { Migration } from '@mikro-orm/migrations';

/** Idempotency keys remember the slot and service they were first sent with, so a reused key is refused. */
export class Migration20261130052621 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`idempotency_keys\` add \`slot_id\` varchar(64) null, add \`service_id\` varchar(64) null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`idempotency_keys\` drop column \`slot_id\`, drop column \`service_id\`;`);
  }
}
