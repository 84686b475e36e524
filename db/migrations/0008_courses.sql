CREATE TABLE `activity_results` (
	`run_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`activity` text NOT NULL,
	`best_score` real DEFAULT 0 NOT NULL,
	`passed` integer DEFAULT false NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `course_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activity_results_pk` ON `activity_results` (`run_id`,`user_id`,`activity`);--> statement-breakpoint
CREATE TABLE `activity_statements` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`activity` text NOT NULL,
	`verb` text NOT NULL,
	`score_scaled` real,
	`success` integer,
	`statement` text NOT NULL,
	`stored_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `course_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `activity_statements_run_user` ON `activity_statements` (`run_id`,`user_id`,`activity`);--> statement-breakpoint
CREATE TABLE `attendance` (
	`session_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`present` integer NOT NULL,
	`marked_by` integer,
	`marked_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `run_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`marked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendance_pk` ON `attendance` (`session_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`run_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`learner_name` text NOT NULL,
	`course_title` text NOT NULL,
	`hours` integer NOT NULL,
	`units` text NOT NULL,
	`college` text NOT NULL,
	`partner` text,
	`issued_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_reason` text,
	FOREIGN KEY (`run_id`) REFERENCES `course_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_code` ON `certificates` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_run_user` ON `certificates` (`run_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `completions` (
	`run_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`completed_at` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `course_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `completions_pk` ON `completions` (`run_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `course_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_slug` text NOT NULL,
	`code` text NOT NULL,
	`starts_on` integer NOT NULL,
	`ends_on` integer NOT NULL,
	`enroll_opens_at` integer NOT NULL,
	`enroll_closes_at` integer NOT NULL,
	`capacity` integer NOT NULL,
	`mode` text NOT NULL,
	`place` text,
	`college` text NOT NULL,
	`partner` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	CONSTRAINT "course_runs_capacity_check" CHECK("course_runs"."capacity" > 0),
	CONSTRAINT "course_runs_mode_check" CHECK("course_runs"."mode" in ('online', 'on-site', 'blended'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `course_runs_course_code` ON `course_runs` (`course_slug`,`code`);--> statement-breakpoint
CREATE TABLE `enrollments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`status` text NOT NULL,
	`queued_at` integer NOT NULL,
	`enrolled_at` integer,
	`last_lesson` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `course_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `enrollments_run_user` ON `enrollments` (`run_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `enrollments_user` ON `enrollments` (`user_id`);--> statement-breakpoint
CREATE INDEX `enrollments_run_status` ON `enrollments` (`run_id`,`status`,`queued_at`);--> statement-breakpoint
CREATE TABLE `lesson_progress` (
	`run_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`lesson` text NOT NULL,
	`position` real DEFAULT 0 NOT NULL,
	`opened_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`run_id`) REFERENCES `course_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lesson_progress_pk` ON `lesson_progress` (`run_id`,`user_id`,`lesson`);--> statement-breakpoint
CREATE TABLE `practical_assessments` (
	`run_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`unit` text NOT NULL,
	`result` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`assessed_by` integer,
	`assessed_at` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `course_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assessed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `practical_assessments_pk` ON `practical_assessments` (`run_id`,`user_id`,`unit`);--> statement-breakpoint
CREATE TABLE `received_events` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`received_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `run_instructors` (
	`run_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `course_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `run_instructors_pk` ON `run_instructors` (`run_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `run_instructors_user` ON `run_instructors` (`user_id`);--> statement-breakpoint
CREATE TABLE `run_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`title_th` text NOT NULL,
	`title_en` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`place` text NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `course_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `run_sessions_run` ON `run_sessions` (`run_id`,`starts_at`);