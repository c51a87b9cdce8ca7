import { Migration } from '@mikro-orm/migrations';

/** The admin export pages through a date range in (starts_at, id) order. */
export class Migration20261203093000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`appointments\` add index \`appointments_starts_at_id_index\`(\`starts_at\`, \`id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`appointments\` drop index \`appointments_starts_at_id_index\`;`);
  }
}
