CREATE TABLE `download_viewers` (
	`item_key` text NOT NULL,
	`day` text NOT NULL,
	`viewer` text NOT NULL,
	PRIMARY KEY(`item_key`, `day`, `viewer`)
);
--> statement-breakpoint
CREATE INDEX `download_viewers_day` ON `download_viewers` (`day`);