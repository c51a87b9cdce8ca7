import { Migration } from '@mikro-orm/migrations';

export class Migration20261130084247 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`users\` modify \`role\` enum('PATIENT', 'DOCTOR', 'ADMIN', 'STAFF') not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`users\` modify \`role\` enum('PATIENT', 'DOCTOR', 'ADMIN') not null;`);
  }
}
