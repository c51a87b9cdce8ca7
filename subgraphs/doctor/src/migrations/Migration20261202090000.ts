import { Migration } from '@mikro-orm/migrations';

/** A medical service's own booking rules (minutes; null follows the clinic default). */
export class Migration20261202090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`medical_services\` add \`min_notice_minutes\` int null, add \`horizon_minutes\` int null, add \`cancellation_window_minutes\` int null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table \`medical_services\` drop column \`min_notice_minutes\`, drop column \`horizon_minutes\`, drop column \`cancellation_window_minutes\`;`,
    );
  }
}
