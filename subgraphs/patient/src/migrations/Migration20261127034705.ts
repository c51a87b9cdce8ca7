import { Migration } from '@mikro-orm/migrations';

/** The care projection's idempotency marks. (The generator's other lines were MariaDB's nullable-default noise, dropped.) */
export class Migration20261127034705 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`processed_events\` (\`id\` varchar(100) not null, \`processed_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`processed_events\`;`);
  }
}
