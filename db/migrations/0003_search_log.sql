-- IF NOT EXISTS: before this migration the search code created the same table itself in development databases.
CREATE TABLE IF NOT EXISTS `search_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`query` text NOT NULL,
	`filters` text NOT NULL,
	`hits` integer NOT NULL,
	`engine` text NOT NULL,
	`degraded` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `search_log_by_query` ON `search_log` (`query`,`at`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `search_log_by_time` ON `search_log` (`at`);