CREATE TABLE `catalog_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`type` text NOT NULL,
	`slug` text NOT NULL,
	`source` text NOT NULL,
	`row_id` integer,
	`data` text,
	`body` text,
	`status` text NOT NULL,
	`title_th` text NOT NULL,
	`title_en` text,
	`rank_th` real,
	`rank_en` real,
	`published` integer NOT NULL,
	`day` text NOT NULL,
	`year` integer,
	`language` text,
	`levels` integer DEFAULT 0 NOT NULL,
	`downloads` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`row_id`) REFERENCES `catalog_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `catalog_entries_key` ON `catalog_entries` (`key`);--> statement-breakpoint
CREATE INDEX `catalog_entries_newest` ON `catalog_entries` ("published" desc,`rank_th`) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX `catalog_entries_title` ON `catalog_entries` (`rank_th`,"published" desc) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX `catalog_entries_title_en` ON `catalog_entries` (`rank_en`,"published" desc) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX `catalog_entries_downloads` ON `catalog_entries` ("downloads" desc,"published" desc) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX `catalog_entries_type_newest` ON `catalog_entries` (`type`,"published" desc,`rank_th`) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX `catalog_entries_type_title` ON `catalog_entries` (`type`,`rank_th`) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX `catalog_entries_day` ON `catalog_entries` (`day`,`key`) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX `catalog_entries_year` ON `catalog_entries` (`year`,"published" desc,`rank_th`) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX `catalog_entries_language` ON `catalog_entries` (`language`,"published" desc,`rank_th`) WHERE status = 'published';--> statement-breakpoint
CREATE TABLE `catalog_entry_fields` (
	`field` text NOT NULL,
	`entry_id` integer NOT NULL,
	`type` text NOT NULL,
	`published` integer NOT NULL,
	`downloads` integer DEFAULT 0 NOT NULL,
	`rank_th` real,
	PRIMARY KEY(`field`, `entry_id`),
	FOREIGN KEY (`entry_id`) REFERENCES `catalog_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `catalog_entry_fields_entry` ON `catalog_entry_fields` (`entry_id`);--> statement-breakpoint
CREATE INDEX `catalog_entry_fields_newest` ON `catalog_entry_fields` (`field`,"published" desc);--> statement-breakpoint
CREATE INDEX `catalog_entry_fields_type` ON `catalog_entry_fields` (`field`,`type`,"published" desc);--> statement-breakpoint
CREATE INDEX `catalog_entry_fields_title` ON `catalog_entry_fields` (`field`,`rank_th`);--> statement-breakpoint
CREATE INDEX `catalog_entry_fields_downloads` ON `catalog_entry_fields` (`field`,"downloads" desc) WHERE downloads > 0;--> statement-breakpoint
CREATE TABLE `catalog_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
