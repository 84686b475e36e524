-- Keep catalog_entries.downloads (the last 30 Bangkok days) current as downloads are counted, whoever counts them.
-- Days before the window's first day (catalog_meta 'downloadsFrom') do not count; the store moves the window daily.
CREATE TRIGGER `catalog_entries_download_insert` AFTER INSERT ON `download_counts`
WHEN new.day >= coalesce((SELECT value FROM catalog_meta WHERE key = 'downloadsFrom'), '')
BEGIN
	UPDATE catalog_entries SET downloads = downloads + new.count WHERE key = new.item_key;
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_entries_download_update` AFTER UPDATE OF count ON `download_counts`
WHEN new.day >= coalesce((SELECT value FROM catalog_meta WHERE key = 'downloadsFrom'), '')
BEGIN
	UPDATE catalog_entries SET downloads = downloads + new.count - old.count WHERE key = new.item_key;
END;
