// `npm run user:create-admin [-- --email a@b.th --name "ชื่อ" --password …]`: create an admin in the database at
// DATABASE_PATH (migrating it first); asks for whatever the arguments leave out, the password without echo.
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { openDatabase } from './connection.ts';
import { migrateDatabase } from './migrate.ts';
import { createAdmin } from '../src/server/auth/bootstrap.ts';

const { values: args } = parseArgs({
  options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
});

let muted = false;
const output = new Writable({
  write(chunk, _encoding, done) {
    if (!muted) process.stdout.write(chunk);
    done();
  },
});
const prompt = createInterface({ input: process.stdin, output, terminal: Boolean(process.stdin.isTTY) });
// Lines in order, whether typed or piped in (question() would drop lines piped before it is asked).
const lines = prompt[Symbol.asyncIterator]();

async function ask(question: string, secret = false): Promise<string> {
  process.stdout.write(question);
  muted = secret;
  const { value = '' } = await lines.next();
  muted = false;
  if (secret && process.stdin.isTTY) process.stdout.write('\n');
  return secret ? value : value.trim();
}

const email = args.email ?? (await ask('Email: '));
const nameTh = args.name ?? (await ask('Name (Thai): '));
const password = args.password ?? (await ask('Password (8 characters or more): ', true));
prompt.close();

const path = process.env.DATABASE_PATH || 'data/intelligent-center.db';
const db = openDatabase(path);
try {
  migrateDatabase(db);
  const admin = await createAdmin(db, { email, password, nameTh });
  console.log(`created admin ${admin.email} (id ${admin.id}) in ${path}`);
} catch (error) {
  console.error(`user:create-admin: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  db.$client.close();
}
