import { Migration } from '@mikro-orm/migrations';

/**
 * Sealed text is longer than the text it seals (base64 and a header): the
 * reason, cancellation reason and history note become text columns. Plus the
 * key rotation's cursor. (The generator's other lines were MariaDB's
 * nullable-default noise, dropped.)
 */
export class Migration20261130053154 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`key_rotation_cursors\` (\`id\` varchar(64) not null, \`key_id\` varchar(64) not null, \`after_id\` varchar(64) not null, \`updated_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`appointments\` modify \`reason\` text null, modify \`cancellation_reason\` text null;`);
    this.addSql(`alter table \`appointment_changes\` modify \`note\` text null;`);
  }

  // Only for a store whose values are still plain text: sealed values do not fit 500 characters.
  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`key_rotation_cursors\`;`);
    this.addSql(`alter table \`appointment_changes\` modify \`note\` varchar(500) null;`);
    this.addSql(
      `alter table \`appointments\` modify \`reason\` varchar(500) null, modify \`cancellation_reason\` varchar(500) null;`,
    );
  }
}
