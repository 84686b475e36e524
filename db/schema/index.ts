export * from './users.ts';
export * from './sessions.ts';
export * from './password-reset-tokens.ts';
export * from './throttle-counters.ts';
export * from './mail-outbox.ts';
export * from './catalog-items.ts';
export * from './downloads.ts';
export * from './search-log.ts';
