import { Migration } from '@mikro-orm/migrations';

/** Where an appointment takes place and the zone its times are shown in, as booked (null: the default location, CLINIC_TIME_ZONE). */
export class Migration20261204090200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`appointments\` add \`location_id\` varchar(36) null, add \`time_zone\` varchar(64) null, add \`location_name\` varchar(120) null, add \`location_address\` varchar(300) null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table \`appointments\` drop column \`location_id\`, drop column \`time_zone\`, drop column \`location_name\`, drop column \`location_address\`;`,
    );
  }
}
