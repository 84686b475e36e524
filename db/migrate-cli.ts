// `npm run db:migrate`: bring the database at DATABASE_PATH up to date.
import { openDatabase } from './connection.ts';
import { migrateDatabase } from './migrate.ts';

const path = process.env.DATABASE_PATH || 'data/intelligent-center.db';
const db = openDatabase(path);
migrateDatabase(db);
db.$client.close();
console.log(`migrated ${path}`);
