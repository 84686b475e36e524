CREATE TABLE `provinces` (
	`code` text PRIMARY KEY NOT NULL,
	`name_th` text NOT NULL,
	`name_en` text NOT NULL,
	`region` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `college_fields` (
	`college_id` integer NOT NULL,
	`field_slug` text NOT NULL,
	`group` text NOT NULL,
	PRIMARY KEY(`college_id`, `field_slug`),
	FOREIGN KEY (`college_id`) REFERENCES `colleges`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `college_fields_field` ON `college_fields` (`field_slug`,`college_id`);--> statement-breakpoint
CREATE TABLE `colleges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name_th` text NOT NULL,
	`name_en` text NOT NULL,
	`province_code` text NOT NULL,
	`ownership` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `colleges_name_th_unique` ON `colleges` (`name_th`);--> statement-breakpoint
CREATE INDEX `colleges_province` ON `colleges` (`province_code`);--> statement-breakpoint
CREATE TABLE `field_staff` (
	`user_id` integer NOT NULL,
	`field_slug` text NOT NULL,
	`granted_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`user_id`, `field_slug`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `establishment_fields` (
	`establishment_id` integer NOT NULL,
	`field_slug` text NOT NULL,
	PRIMARY KEY(`establishment_id`, `field_slug`),
	FOREIGN KEY (`establishment_id`) REFERENCES `establishments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `establishment_fields_field` ON `establishment_fields` (`field_slug`,`establishment_id`);--> statement-breakpoint
CREATE TABLE `establishments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name_th` text NOT NULL,
	`name_en` text,
	`registration_no` text,
	`tsic` text NOT NULL,
	`province_code` text NOT NULL,
	`size` text NOT NULL,
	`contact_name` text,
	`contact_email` text,
	`contact_phone` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `establishments_registration_unique` ON `establishments` (`registration_no`);--> statement-breakpoint
CREATE INDEX `establishments_province` ON `establishments` (`province_code`);--> statement-breakpoint
CREATE TABLE `agreements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`establishment_id` integer NOT NULL,
	`college_id` integer NOT NULL,
	`field_slug` text NOT NULL,
	`status` text NOT NULL,
	`starts_on` text,
	`ends_on` text,
	`scope` text,
	`file` text,
	`file_name` text,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`establishment_id`) REFERENCES `establishments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`college_id`) REFERENCES `colleges`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `agreements_field_establishment` ON `agreements` (`field_slug`,`establishment_id`,`status`);--> statement-breakpoint
CREATE INDEX `agreements_establishment` ON `agreements` (`establishment_id`);--> statement-breakpoint
CREATE INDEX `agreements_college` ON `agreements` (`college_id`);--> statement-breakpoint
CREATE TABLE `training_places` (
	`agreement_id` integer NOT NULL,
	`level` text NOT NULL,
	`fiscal_year` integer NOT NULL,
	`places` integer NOT NULL,
	PRIMARY KEY(`agreement_id`, `level`, `fiscal_year`),
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `demand_rows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`establishment_id` integer NOT NULL,
	`field_slug` text NOT NULL,
	`level` text NOT NULL,
	`fiscal_year` integer NOT NULL,
	`province_code` text NOT NULL,
	`status` text DEFAULT 'reported' NOT NULL,
	`reported_by` integer,
	`approved_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`positions` integer NOT NULL,
	`competencies` text,
	FOREIGN KEY (`establishment_id`) REFERENCES `establishments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `demand_rows_key` ON `demand_rows` (`establishment_id`,`field_slug`,`level`,`fiscal_year`);--> statement-breakpoint
CREATE INDEX `demand_rows_totals` ON `demand_rows` (`status`,`field_slug`,`fiscal_year`,`level`,`province_code`,`positions`);--> statement-breakpoint
CREATE INDEX `demand_rows_year_totals` ON `demand_rows` (`status`,`fiscal_year`,`level`,`province_code`,`positions`);--> statement-breakpoint
CREATE INDEX `demand_rows_field_establishment` ON `demand_rows` (`field_slug`,`status`,`establishment_id`);--> statement-breakpoint
CREATE TABLE `manpower_totals` (
	`field_slug` text NOT NULL,
	`fiscal_year` integer NOT NULL,
	`level` text NOT NULL,
	`province_code` text NOT NULL,
	`demand` integer DEFAULT 0 NOT NULL,
	`supply` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`field_slug`, `fiscal_year`, `level`, `province_code`)
);
--> statement-breakpoint
CREATE TABLE `supply_rows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`college_id` integer NOT NULL,
	`field_slug` text NOT NULL,
	`level` text NOT NULL,
	`fiscal_year` integer NOT NULL,
	`province_code` text NOT NULL,
	`status` text DEFAULT 'reported' NOT NULL,
	`reported_by` integer,
	`approved_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`enrolled` integer NOT NULL,
	`graduates` integer NOT NULL,
	FOREIGN KEY (`college_id`) REFERENCES `colleges`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supply_rows_key` ON `supply_rows` (`college_id`,`field_slug`,`level`,`fiscal_year`);--> statement-breakpoint
CREATE INDEX `supply_rows_totals` ON `supply_rows` (`status`,`field_slug`,`fiscal_year`,`level`,`province_code`,`graduates`);--> statement-breakpoint
CREATE INDEX `supply_rows_year_totals` ON `supply_rows` (`status`,`fiscal_year`,`level`,`province_code`,`graduates`);--> statement-breakpoint
ALTER TABLE `users` ADD `college_id` integer REFERENCES colleges(id);