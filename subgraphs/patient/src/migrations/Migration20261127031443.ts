import { Migration } from '@mikro-orm/migrations';

export class Migration20261127031443 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`care_relationships\` (\`doctor_id\` varchar(36) not null, \`patient_id\` varchar(36) not null, \`since\` datetime(3) not null, primary key (\`doctor_id\`, \`patient_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`care_relationships\` add index \`care_relationships_patient_id_index\`(\`patient_id\`);`,
    );

    this.addSql(
      `create table \`medical_records\` (\`id\` varchar(36) not null, \`patient_id\` varchar(36) not null, \`doctor_id\` varchar(36) not null, \`appointment_id\` varchar(36) null, \`diagnosis_sealed\` text not null, \`notes_sealed\` text null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`medical_records\` add index \`medical_records_patient_id_created_at_index\`(\`patient_id\`, \`created_at\`);`,
    );

    this.addSql(
      `create table \`patients\` (\`id\` varchar(36) not null, \`name\` varchar(120) not null, \`email\` varchar(254) not null, \`phone_sealed\` text null, \`date_of_birth_sealed\` text null, \`medical_history_sealed\` text null, \`gender\` enum('MALE', 'FEMALE', 'OTHER') null, \`notification_channels\` text not null, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`care_relationships\`;`);

    this.addSql(`drop table if exists \`medical_records\`;`);

    this.addSql(`drop table if exists \`patients\`;`);
  }
}
