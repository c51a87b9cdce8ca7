import { Migration } from '@mikro-orm/migrations';

/** When the patient cancelled or moved an appointment inside the cancellation window (null: not late). */
export class Migration20261202090100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`appointments\` add \`late_cancelled_at\` datetime(3) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`appointments\` drop column \`late_cancelled_at\`;`);
  }
}
