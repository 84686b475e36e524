CREATE TABLE `activity_states` (
	`run_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`activity` text NOT NULL,
	`state` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `course_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activity_states_pk` ON `activity_states` (`run_id`,`user_id`,`activity`);--> statement-breakpoint
CREATE TABLE `course_lessons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_slug` text NOT NULL,
	`slug` text NOT NULL,
	`position` integer NOT NULL,
	`module` text NOT NULL,
	`title_th` text NOT NULL,
	`title_en` text,
	`minutes` integer NOT NULL,
	`required` integer DEFAULT true NOT NULL,
	`document` text NOT NULL,
	`updated_by` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `course_lessons_course_slug` ON `course_lessons` (`course_slug`,`slug`);