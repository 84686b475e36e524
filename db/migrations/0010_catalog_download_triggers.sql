-- Keep catalog_entries.downloads (the last 30 Bangkok days), and the copy beside each of its fields, current as
-- downloads are counted, whoever counts them. Days before the window's first day (catalog_meta 'downloadsFrom') do
-- not count; the store moves the window daily.
CREATE TRIGGER `catalog_entries_download_insert` AFTER INSERT ON `download_counts`
WHEN new.day >= coalesce((SELECT value FROM catalog_meta WHERE key = 'downloadsFrom'), '')
BEGIN
	UPDATE catalog_entries SET downloads = downloads + new.count WHERE key = new.item_key;
	UPDATE catalog_entry_fields SET downloads = downloads + new.count WHERE entry_id = (SELECT id FROM catalog_entries WHERE key = new.item_key);
END;
--> statement-breakpoint
CREATE TRIGGER `catalog_entries_download_update` AFTER UPDATE OF count ON `download_counts`
WHEN new.day >= coalesce((SELECT value FROM catalog_meta WHERE key = 'downloadsFrom'), '')
BEGIN
	UPDATE catalog_entries SET downloads = downloads + new.count - old.count WHERE key = new.item_key;
	UPDATE catalog_entry_fields SET downloads = downloads + new.count - old.count WHERE entry_id = (SELECT id FROM catalog_entries WHERE key = new.item_key);
END;
