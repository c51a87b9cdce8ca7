import { Migration } from '@mikro-orm/migrations';

/** The admin export pages through a date range in (issued_at, id) order. */
export class Migration20261203093000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`invoices\` add index \`invoices_issued_at_id_index\`(\`issued_at\`, \`id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`invoices\` drop index \`invoices_issued_at_id_index\`;`);
  }
}
