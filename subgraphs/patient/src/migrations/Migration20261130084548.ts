import { Migration } from '@mikro-orm/migrations';

/** The phone's blind index, for finding patients by phone at the front desk. (The generator's other lines were MariaDB's nullable-default noise, dropped.) */
export class Migration20261130084548 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`patients\` add \`phone_lookup\` varchar(80) null;`);
    this.addSql(`alter table \`patients\` add index \`patients_phone_lookup_index\`(\`phone_lookup\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`patients\` drop index \`patients_phone_lookup_index\`;`);
    this.addSql(`alter table \`patients\` drop column \`phone_lookup\`;`);
  }
}
