import { Migration } from '@mikro-orm/migrations';

export class Migration20261127031134 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`doctors\` (\`id\` varchar(36) not null, \`name\` varchar(120) not null, \`specialty\` varchar(80) not null, \`bio\` text null, \`location\` varchar(200) null, \`license_number\` varchar(40) not null, \`phone\` varchar(24) null, \`active\` tinyint(1) not null default true, \`created_at\` datetime(3) not null, \`updated_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`doctors\` add unique \`doctors_license_number_unique\`(\`license_number\`);`);
    this.addSql(`alter table \`doctors\` add index \`doctors_specialty_index\`(\`specialty\`);`);
    this.addSql(`alter table \`doctors\` add index \`doctors_active_name_index\`(\`active\`, \`name\`);`);

    this.addSql(
      `create table \`medical_services\` (\`id\` varchar(36) not null, \`name\` varchar(120) not null, \`category\` enum('GENERAL_CHECKUP', 'SPECIALIST_CONSULTATION', 'LAB_TEST', 'VACCINATION', 'FOLLOW_UP') not null, \`duration_minutes\` int not null, \`price\` numeric(10,2) not null, \`currency\` varchar(3) not null, \`description\` text null, \`active\` tinyint(1) not null default true, \`created_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`medical_services\` add unique \`medical_services_name_unique\`(\`name\`);`);
    this.addSql(
      `alter table \`medical_services\` add index \`medical_services_active_category_index\`(\`active\`, \`category\`);`,
    );

    this.addSql(
      `create table \`doctor_services\` (\`doctor_id\` varchar(36) not null, \`service_id\` varchar(36) not null, primary key (\`doctor_id\`, \`service_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`doctor_services\` add index \`doctor_services_doctor_id_index\`(\`doctor_id\`);`);
    this.addSql(`alter table \`doctor_services\` add index \`doctor_services_service_id_index\`(\`service_id\`);`);

    this.addSql(
      `alter table \`doctor_services\` add constraint \`doctor_services_doctor_id_foreign\` foreign key (\`doctor_id\`) references \`doctors\` (\`id\`) on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table \`doctor_services\` add constraint \`doctor_services_service_id_foreign\` foreign key (\`service_id\`) references \`medical_services\` (\`id\`) on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`doctor_services\` drop foreign key \`doctor_services_doctor_id_foreign\`;`);

    this.addSql(`alter table \`doctor_services\` drop foreign key \`doctor_services_service_id_foreign\`;`);

    this.addSql(`drop table if exists \`doctors\`;`);

    this.addSql(`drop table if exists \`medical_services\`;`);

    this.addSql(`drop table if exists \`doctor_services\`;`);
  }
}
