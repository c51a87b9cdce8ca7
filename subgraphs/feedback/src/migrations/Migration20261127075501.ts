import { Migration } from '@mikro-orm/migrations';

export class Migration20261127075501 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`feedback\` (\`id\` varchar(36) not null, \`appointment_id\` varchar(36) not null, \`patient_id\` varchar(36) not null, \`doctor_id\` varchar(36) not null, \`rating\` tinyint not null, \`comment\` text null, \`created_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`feedback\` add index \`feedback_doctor_id_index\`(\`doctor_id\`);`);
    this.addSql(`alter table \`feedback\` add unique \`feedback_appointment_id_unique\`(\`appointment_id\`);`);

    this.addSql(
      `create table \`outbox_events\` (\`id\` varchar(36) not null, \`position\` bigint not null, \`type\` varchar(64) not null, \`aggregate_type\` varchar(64) not null, \`aggregate_id\` varchar(36) not null, \`envelope\` text not null, \`occurred_at\` datetime(3) not null, \`published_at\` datetime(3) null, \`attempts\` int not null default 0, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`outbox_events\` add index \`outbox_events_published_at_position_index\`(\`published_at\`, \`position\`);`,
    );

    this.addSql(
      `create table \`processed_events\` (\`id\` varchar(100) not null, \`processed_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`feedback\`;`);

    this.addSql(`drop table if exists \`outbox_events\`;`);

    this.addSql(`drop table if exists \`processed_events\`;`);
  }
}
