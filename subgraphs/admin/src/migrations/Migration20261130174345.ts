import { Migration } from '@mikro-orm/migrations';

/** The other services' admin actions already written to the log (one row per event: redeliveries change nothing). */
export class Migration20261130174345 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`processed_events\` (\`id\` varchar(100) not null, \`processed_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`processed_events\`;`);
  }
}
