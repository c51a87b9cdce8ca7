import { Migration } from '@mikro-orm/migrations';

export class Migration20261127041756 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`appointments\` (\`id\` varchar(36) not null, \`patient_id\` varchar(36) not null, \`doctor_id\` varchar(36) not null, \`service_id\` varchar(36) not null, \`slot_id\` varchar(36) not null, \`starts_at\` datetime(3) not null, \`ends_at\` datetime(3) not null, \`status\` enum('PENDING', 'CONFIRMED', 'CANCELLED', 'COMPLETED', 'NO_SHOW') not null, \`reason\` varchar(500) null, \`cancellation_reason\` varchar(500) null, \`price\` numeric(10,2) not null, \`currency\` varchar(3) not null, \`completion_notes\` text null, \`slot_check_due_at\` datetime(3) null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`appointments\` add index \`appointments_slot_check_due_at_index\`(\`slot_check_due_at\`);`,
    );
    this.addSql(
      `alter table \`appointments\` add index \`appointments_status_created_at_index\`(\`status\`, \`created_at\`);`,
    );
    this.addSql(`alter table \`appointments\` add index \`appointments_slot_id_index\`(\`slot_id\`);`);
    this.addSql(
      `alter table \`appointments\` add index \`appointments_doctor_id_starts_at_index\`(\`doctor_id\`, \`starts_at\`);`,
    );
    this.addSql(
      `alter table \`appointments\` add index \`appointments_patient_id_starts_at_index\`(\`patient_id\`, \`starts_at\`);`,
    );

    this.addSql(
      `create table \`appointment_changes\` (\`id\` varchar(36) not null, \`appointment_id\` varchar(36) not null, \`at\` datetime(3) not null, \`by_user_id\` varchar(36) null, \`from_status\` enum('PENDING', 'CONFIRMED', 'CANCELLED', 'COMPLETED', 'NO_SHOW') null, \`to_status\` enum('PENDING', 'CONFIRMED', 'CANCELLED', 'COMPLETED', 'NO_SHOW') not null, \`note\` varchar(500) null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`appointment_changes\` add index \`appointment_changes_appointment_id_at_index\`(\`appointment_id\`, \`at\`);`,
    );

    this.addSql(
      `create table \`idempotency_keys\` (\`id\` varchar(36) not null, \`patient_id\` varchar(36) not null, \`key\` varchar(100) not null, \`appointment_id\` varchar(36) not null, \`unavailable_reason\` varchar(32) null, \`created_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`idempotency_keys\` add unique \`idempotency_keys_patient_id_key_unique\`(\`patient_id\`, \`key\`);`,
    );

    this.addSql(
      `create table \`outbox_events\` (\`id\` varchar(36) not null, \`position\` bigint not null, \`type\` varchar(64) not null, \`aggregate_type\` varchar(64) not null, \`aggregate_id\` varchar(36) not null, \`envelope\` text not null, \`occurred_at\` datetime(3) not null, \`published_at\` datetime(3) null, \`attempts\` int not null default 0, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`outbox_events\` add index \`outbox_events_published_at_position_index\`(\`published_at\`, \`position\`);`,
    );

    this.addSql(
      `create table \`patient_booking_guards\` (\`id\` varchar(36) not null, \`touched_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`appointments\`;`);

    this.addSql(`drop table if exists \`appointment_changes\`;`);

    this.addSql(`drop table if exists \`idempotency_keys\`;`);

    this.addSql(`drop table if exists \`outbox_events\`;`);

    this.addSql(`drop table if exists \`patient_booking_guards\`;`);
  }
}
