CREATE INDEX `users_college` ON `users` (`college_id`,`role`);--> statement-breakpoint
CREATE INDEX `course_runs_starts` ON `course_runs` (`starts_on`);