ALTER TABLE `users` ADD `email_verified_at` integer;--> statement-breakpoint
ALTER TABLE `password_reset_tokens` ADD `purpose` text DEFAULT 'password' NOT NULL;--> statement-breakpoint
-- Accounts made before email confirmation existed were made by admins, the seed or people who have since signed in.
UPDATE `users` SET `email_verified_at` = `created_at` WHERE `email_verified_at` IS NULL;
