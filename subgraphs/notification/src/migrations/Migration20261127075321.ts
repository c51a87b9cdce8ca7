import { Migration } from '@mikro-orm/migrations';

export class Migration20261127075321 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`notification_logs\` (\`id\` varchar(36) not null, \`appointment_id\` varchar(36) not null, \`kind\` enum('CONFIRMATION', 'RESCHEDULE', 'CANCELLATION', 'REMINDER', 'INVOICE', 'FEEDBACK_REQUEST') not null, \`channel\` enum('EMAIL', 'SMS') not null, \`recipient\` enum('PATIENT', 'DOCTOR') not null, \`recipient_id\` varchar(36) not null, \`reminder_offset\` varchar(16) not null default '', \`occurrence\` varchar(64) not null, \`status\` enum('QUEUED', 'SENDING', 'SENT', 'FAILED', 'SKIPPED') not null default 'QUEUED', \`attempts\` int not null default 0, \`scheduled_for\` datetime(3) not null, \`claimed_at\` datetime(3) null, \`claim_token\` varchar(36) null, \`handed_over_at\` datetime(3) null, \`sent_at\` datetime(3) null, \`last_error\` varchar(500) null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`notification_logs\` add index \`notification_logs_status_scheduled_for_index\`(\`status\`, \`scheduled_for\`);`,
    );
    this.addSql(
      `alter table \`notification_logs\` add index \`notification_logs_recipient_id_created_at_index\`(\`recipient_id\`, \`created_at\`);`,
    );
    this.addSql(
      `alter table \`notification_logs\` add unique \`notification_logs_appointment_id_kind_recipient_ch_0d47b_unique\`(\`appointment_id\`, \`kind\`, \`recipient\`, \`channel\`, \`reminder_offset\`, \`occurrence\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`notification_logs\`;`);
  }
}
