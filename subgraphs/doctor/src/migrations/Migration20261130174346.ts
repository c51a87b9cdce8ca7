import { Migration } from '@mikro-orm/migrations';

/** The outbox: admin actions taken here (locations) wait in it for the admin service's log. */
export class Migration20261130174346 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`outbox_events\` (\`id\` varchar(36) not null, \`position\` bigint not null, \`type\` varchar(64) not null, \`aggregate_type\` varchar(64) not null, \`aggregate_id\` varchar(36) not null, \`envelope\` text not null, \`occurred_at\` datetime(3) not null, \`published_at\` datetime(3) null, \`attempts\` int not null default 0, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`outbox_events\` add index \`outbox_events_published_at_position_index\`(\`published_at\`, \`position\`);`,
    );

    this.addSql(
      `alter table \`doctors\` modify \`bio\` text, modify \`location\` varchar(200), modify \`phone\` varchar(24);`,
    );

    this.addSql(`alter table \`medical_services\` modify \`description\` text;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`outbox_events\`;`);

    this.addSql(`alter table \`medical_services\` modify \`description\` text default ('NULL');`);

    this.addSql(
      `alter table \`doctors\` modify \`bio\` text default ('NULL'), modify \`location\` varchar(200) default 'NULL', modify \`phone\` varchar(24) default 'NULL';`,
    );
  }
}
