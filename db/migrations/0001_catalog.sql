CREATE TABLE `catalog_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`slug` text NOT NULL,
	`data` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'published' NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "catalog_items_type_check" CHECK("catalog_items"."type" in ('ebooks', 'curricula', 'courses', 'research', 'experts'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `catalog_items_type_slug` ON `catalog_items` (`type`,`slug`);--> statement-breakpoint
CREATE TABLE `uploaded_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`stored_name` text NOT NULL,
	`original_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `uploaded_files_stored_name` ON `uploaded_files` (`stored_name`);--> statement-breakpoint
CREATE INDEX `uploaded_files_sha256` ON `uploaded_files` (`sha256`);--> statement-breakpoint
CREATE TABLE `download_counts` (
	`item_key` text NOT NULL,
	`day` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`item_key`, `day`)
);
--> statement-breakpoint
CREATE INDEX `download_counts_day` ON `download_counts` (`day`);--> statement-breakpoint
CREATE TABLE `user_downloads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`item_key` text NOT NULL,
	`file` text NOT NULL,
	`downloaded_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `user_downloads_user` ON `user_downloads` (`user_id`,`downloaded_at`);