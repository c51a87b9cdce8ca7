import { Migration } from '@mikro-orm/migrations';

export class Migration20261127075500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`invoices\` (\`id\` varchar(36) not null, \`appointment_id\` varchar(36) not null, \`patient_id\` varchar(36) not null, \`doctor_id\` varchar(36) not null, \`service_id\` varchar(36) not null, \`status\` enum('PENDING', 'PAID', 'FAILED', 'VOID') not null default 'PENDING', \`amount\` numeric(10,2) not null, \`currency\` varchar(3) not null, \`lines\` text not null, \`issued_at\` datetime(3) not null, \`paid_at\` datetime(3) null, \`payment_attempt_id\` varchar(36) null, \`payment_attempt_at\` datetime(3) null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`invoices\` add index \`invoices_patient_id_issued_at_index\`(\`patient_id\`, \`issued_at\`);`,
    );
    this.addSql(`alter table \`invoices\` add unique \`invoices_appointment_id_unique\`(\`appointment_id\`);`);

    this.addSql(
      `create table \`outbox_events\` (\`id\` varchar(36) not null, \`position\` bigint not null, \`type\` varchar(64) not null, \`aggregate_type\` varchar(64) not null, \`aggregate_id\` varchar(36) not null, \`envelope\` text not null, \`occurred_at\` datetime(3) not null, \`published_at\` datetime(3) null, \`attempts\` int not null default 0, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`outbox_events\` add index \`outbox_events_published_at_position_index\`(\`published_at\`, \`position\`);`,
    );

    this.addSql(
      `create table \`payments\` (\`id\` varchar(36) not null, \`invoice_id\` varchar(36) not null, \`method\` enum('CARD', 'CASH', 'INSURANCE') not null, \`status\` enum('SUCCEEDED', 'DECLINED') not null, \`amount\` numeric(10,2) not null, \`currency\` varchar(3) not null, \`provider_reference\` varchar(100) null, \`failure_reason\` varchar(300) null, \`recorded_by\` varchar(36) not null, \`created_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`payments\` add index \`payments_invoice_id_created_at_index\`(\`invoice_id\`, \`created_at\`);`,
    );

    this.addSql(
      `create table \`processed_events\` (\`id\` varchar(100) not null, \`processed_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`invoices\`;`);

    this.addSql(`drop table if exists \`outbox_events\`;`);

    this.addSql(`drop table if exists \`payments\`;`);

    this.addSql(`drop table if exists \`processed_events\`;`);
  }
}
