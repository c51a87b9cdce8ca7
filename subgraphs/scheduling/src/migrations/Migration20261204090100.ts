import { Migration } from '@mikro-orm/migrations';

/**
 * Doctors' hours belong to a clinic location (its zone is their wall clock).
 * Everything recorded before belongs to the default location ("default"), whose zone is CLINIC_TIME_ZONE.
 */
export class Migration20261204090100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`availability_rules\` add \`location_id\` varchar(36) not null default 'default';`);
    this.addSql(`alter table \`one_off_availabilities\` add \`location_id\` varchar(36) not null default 'default';`);
    this.addSql(`alter table \`slots\` add \`location_id\` varchar(36) not null default 'default';`);
    this.addSql(
      `alter table \`slots\` add index \`slots_location_id_starts_at_index\`(\`location_id\`, \`starts_at\`);`,
    );
    this.addSql(`alter table \`time_offs\` add \`location_id\` varchar(36) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`time_offs\` drop column \`location_id\`;`);
    this.addSql(`alter table \`slots\` drop index \`slots_location_id_starts_at_index\`, drop column \`location_id\`;`);
    this.addSql(`alter table \`one_off_availabilities\` drop column \`location_id\`;`);
    this.addSql(`alter table \`availability_rules\` drop column \`location_id\`;`);
  }
}
