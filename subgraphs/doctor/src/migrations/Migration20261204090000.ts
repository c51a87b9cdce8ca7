import { Migration } from '@mikro-orm/migrations';

/** Clinic locations, each with its own time zone (the default one is written at start, from CLINIC_TIME_ZONE). */
export class Migration20261204090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`locations\` (\`id\` varchar(36) not null, \`name\` varchar(120) not null, \`address\` varchar(300) not null, \`time_zone\` varchar(64) not null, \`active\` tinyint(1) not null default true, \`is_default\` tinyint(1) not null default false, \`created_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`locations\` add unique \`locations_name_unique\`(\`name\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`locations\`;`);
  }
}
