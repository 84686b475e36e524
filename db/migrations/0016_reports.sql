CREATE TABLE `report_indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name_th` text NOT NULL,
	`name_en` text NOT NULL,
	`unit` text NOT NULL,
	`source` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "report_indicators_source_check" CHECK("report_indicators"."source" in ('manual', 'teachers-trained', 'trainees-certified', 'mous-signed', 'enrollments', 'completions', 'teacher-training-courses', 'runs-meeting-minimum'))
);
--> statement-breakpoint
CREATE TABLE `report_summaries` (
	`field_slug` text NOT NULL,
	`fiscal_year` integer NOT NULL,
	`recommendations` text NOT NULL,
	`updated_by` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`field_slug`, `fiscal_year`),
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `report_targets` (
	`indicator_id` integer NOT NULL,
	`field_slug` text NOT NULL,
	`fiscal_year` integer NOT NULL,
	`target` real NOT NULL,
	PRIMARY KEY(`indicator_id`, `field_slug`, `fiscal_year`),
	FOREIGN KEY (`indicator_id`) REFERENCES `report_indicators`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `report_values` (
	`indicator_id` integer NOT NULL,
	`field_slug` text NOT NULL,
	`fiscal_year` integer NOT NULL,
	`value` real NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`file` text,
	`file_name` text,
	`entered_by` integer,
	`entered_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`indicator_id`, `field_slug`, `fiscal_year`),
	FOREIGN KEY (`indicator_id`) REFERENCES `report_indicators`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `users_college` ON `users` (`college_id`,`role`);--> statement-breakpoint
CREATE INDEX `course_runs_starts` ON `course_runs` (`starts_on`);