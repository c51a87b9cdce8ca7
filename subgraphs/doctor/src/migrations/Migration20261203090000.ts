import { Migration } from '@mikro-orm/migrations';

/** Buffers a medical service needs before and after each appointment (minutes; 0: none). */
export class Migration20261203090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`medical_services\` add \`buffer_before_minutes\` int not null default 0, add \`buffer_after_minutes\` int not null default 0;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table \`medical_services\` drop column \`buffer_before_minutes\`, drop column \`buffer_after_minutes\`;`,
    );
  }
}
