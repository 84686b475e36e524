import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { regions } from '../../src/lib/network/terms.ts';

/** Thailand's 77 provinces from thai-address-universal (filled on start by src/server/network/provinces.ts). */
export const provinces = sqliteTable('provinces', {
  /** The official two-digit geocode. */
  code: text('code').primaryKey(),
  nameTh: text('name_th').notNull(),
  nameEn: text('name_en').notNull(),
  region: text('region', { enum: regions }).notNull(),
});
export type Province = typeof provinces.$inferSelect;
