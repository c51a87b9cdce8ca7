import { Migration } from '@mikro-orm/migrations';

/**
 * Where an interrupted key rotation resumes; details lose their plain '{}'
 * default (every entry is written with its details sealed).
 */
export class Migration20261130053320 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`key_rotation_cursors\` (\`id\` varchar(64) not null, \`key_id\` varchar(64) not null, \`after_id\` varchar(64) not null, \`updated_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`admin_action_logs\` modify \`details\` text not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`key_rotation_cursors\`;`);
    this.addSql(`alter table \`admin_action_logs\` modify \`details\` text not null default ('{}');`);
  }
}
