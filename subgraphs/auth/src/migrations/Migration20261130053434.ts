import { Migration } from '@mikro-orm/migrations';

export class Migration20261130053434 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`password_reset_tokens\` (\`id\` varchar(36) not null, \`token_hash\` varchar(64) not null, \`user_id\` varchar(36) not null, \`expires_at\` datetime(3) not null, \`used_at\` datetime(3) null, \`created_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`password_reset_tokens\` add unique \`password_reset_tokens_token_hash_unique\`(\`token_hash\`);`,
    );
    this.addSql(
      `alter table \`password_reset_tokens\` add index \`password_reset_tokens_user_id_index\`(\`user_id\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`password_reset_tokens\`;`);
  }
}
