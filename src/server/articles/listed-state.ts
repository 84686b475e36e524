// What readers of the listed articles see, in one row: how many are listed, their published revisions and the newest
// edit. Anything made from the listed articles (the search index's key, cached public pages) is current while it is
// unchanged. No imports: the launcher's page cache reads it without loading the database layer.
export const listedArticlesStateSql =
  'select count(*) as n, coalesce(sum(published_revision_id), 0) as revisions, coalesce(max(updated_at), 0) as updated from articles where listed = 1';
