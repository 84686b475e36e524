CREATE TABLE `college_reporters` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`college_id` integer NOT NULL,
	`granted_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`college_id`) REFERENCES `colleges`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `college_reporters_college` ON `college_reporters` (`college_id`);--> statement-breakpoint
ALTER TABLE `demand_rows` ADD `college_id` integer REFERENCES colleges(id) ON DELETE set null;--> statement-breakpoint
CREATE INDEX `demand_rows_college` ON `demand_rows` (`college_id`);