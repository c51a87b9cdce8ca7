import { Migration } from '@mikro-orm/migrations';

export class Migration20261127031330 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`admin_action_logs\` (\`id\` varchar(36) not null, \`admin_id\` varchar(36) not null, \`action\` varchar(64) not null, \`target_id\` varchar(64) not null, \`details\` text not null default ('{}'), \`created_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`admin_action_logs\` add index \`admin_action_logs_admin_id_index\`(\`admin_id\`);`);
    this.addSql(
      `alter table \`admin_action_logs\` add index \`admin_action_logs_created_at_id_index\`(\`created_at\`, \`id\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`admin_action_logs\`;`);
  }
}
