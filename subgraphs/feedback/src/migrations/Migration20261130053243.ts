import { Migration } from '@mikro-orm/migrations';

/** Where an interrupted key rotation resumes. (The generator's other lines were MariaDB's nullable-default noise, dropped.) */
export class Migration20261130053243 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`key_rotation_cursors\` (\`id\` varchar(64) not null, \`key_id\` varchar(64) not null, \`after_id\` varchar(64) not null, \`updated_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`key_rotation_cursors\`;`);
  }
}
