import { Migration } from '@mikro-orm/migrations';

export class Migration20261127035556 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`availability_rules\` (\`id\` varchar(36) not null, \`doctor_id\` varchar(36) not null, \`day_of_week\` enum('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY') not null, \`start_time\` varchar(5) not null, \`end_time\` varchar(5) not null, \`slot_minutes\` int not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`availability_rules\` add index \`availability_rules_doctor_id_index\`(\`doctor_id\`);`);

    this.addSql(
      `create table \`one_off_availabilities\` (\`id\` varchar(36) not null, \`doctor_id\` varchar(36) not null, \`date\` varchar(10) not null, \`start_time\` varchar(5) not null, \`end_time\` varchar(5) not null, \`slot_minutes\` int not null, \`created_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`one_off_availabilities\` add index \`one_off_availabilities_doctor_id_date_index\`(\`doctor_id\`, \`date\`);`,
    );

    this.addSql(
      `create table \`outbox_events\` (\`id\` varchar(36) not null, \`position\` bigint not null, \`type\` varchar(64) not null, \`aggregate_type\` varchar(64) not null, \`aggregate_id\` varchar(36) not null, \`envelope\` text not null, \`occurred_at\` datetime(3) not null, \`published_at\` datetime(3) null, \`attempts\` int not null default 0, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`outbox_events\` add index \`outbox_events_published_at_position_index\`(\`published_at\`, \`position\`);`,
    );

    this.addSql(
      `create table \`slots\` (\`id\` varchar(36) not null, \`doctor_id\` varchar(36) not null, \`starts_at\` datetime(3) not null, \`ends_at\` datetime(3) not null, \`minutes\` int not null, \`status\` enum('FREE', 'HELD', 'BOOKED', 'BLOCKED') not null default 'FREE', \`appointment_id\` varchar(36) null, \`created_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`slots\` add index \`slots_appointment_id_index\`(\`appointment_id\`);`);
    this.addSql(`alter table \`slots\` add index \`slots_status_starts_at_index\`(\`status\`, \`starts_at\`);`);
    this.addSql(
      `alter table \`slots\` add index \`slots_doctor_id_status_starts_at_index\`(\`doctor_id\`, \`status\`, \`starts_at\`);`,
    );
    this.addSql(`alter table \`slots\` add unique \`slots_doctor_id_starts_at_unique\`(\`doctor_id\`, \`starts_at\`);`);

    this.addSql(
      `create table \`time_offs\` (\`id\` varchar(36) not null, \`doctor_id\` varchar(36) not null, \`starts_at\` datetime(3) not null, \`ends_at\` datetime(3) not null, \`reason\` varchar(500) null, \`created_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`time_offs\` add index \`time_offs_doctor_id_starts_at_index\`(\`doctor_id\`, \`starts_at\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`availability_rules\`;`);

    this.addSql(`drop table if exists \`one_off_availabilities\`;`);

    this.addSql(`drop table if exists \`outbox_events\`;`);

    this.addSql(`drop table if exists \`slots\`;`);

    this.addSql(`drop table if exists \`time_offs\`;`);
  }
}
