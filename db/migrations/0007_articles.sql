CREATE TABLE `article_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`asked_by` integer,
	`body` text NOT NULL,
	`asked_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`answer` text,
	`answered_by` integer,
	`answered_at` integer,
	`hidden_at` integer,
	`hidden_by` integer,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`asked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`hidden_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `article_questions_article` ON `article_questions` (`article_id`,`asked_at`);--> statement-breakpoint
CREATE TABLE `article_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`fields` text NOT NULL,
	`tags` text NOT NULL,
	`cover_image` text,
	`document` text NOT NULL,
	`html` text NOT NULL,
	`toc` text NOT NULL,
	`text` text NOT NULL,
	`reading_minutes` integer NOT NULL,
	`author_id` integer,
	`published_by` integer,
	`published_at` integer NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `article_revisions_number` ON `article_revisions` (`article_id`,`number`);--> statement-breakpoint
CREATE TABLE `articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`author_id` integer NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`listed` integer DEFAULT false NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`fields` text NOT NULL,
	`tags` text NOT NULL,
	`cover_image` text,
	`document` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`review_comment` text,
	`published_revision_id` integer,
	`first_published_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "articles_state_check" CHECK("articles"."state" in ('draft', 'submitted', 'returned', 'published', 'unpublished'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_slug` ON `articles` (`slug`);--> statement-breakpoint
CREATE INDEX `articles_author` ON `articles` (`author_id`);--> statement-breakpoint
CREATE INDEX `articles_listed` ON `articles` (`listed`);