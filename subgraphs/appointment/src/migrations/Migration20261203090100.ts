import { Migration } from '@mikro-orm/migrations';

/** The doctor's time an appointment holds with its service's buffers (null: its own time, as booked before buffers). */
export class Migration20261203090100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`appointments\` add \`held_from\` datetime(3) null, add \`held_until\` datetime(3) null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`appointments\` drop column \`held_from\`, drop column \`held_until\`;`);
  }
}
