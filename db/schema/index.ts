export * from './users.ts';
export * from './sessions.ts';
export * from './catalog-items.ts';
export * from './downloads.ts';
