// `npm run user:create-admin`: arguments or answers on standard input, a migrated database, an argon2id hash.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { tempDir } from '../helpers/server.ts';

const root = new URL('../../', import.meta.url).pathname;
const dir = tempDir('ic-create-admin-');
const databasePath = join(dir.path, 'fresh', 'admin.db');
afterAll(() => dir.remove());

function createAdmin(args: string[], input = '') {
  return spawnSync(process.execPath, ['db/create-admin-cli.ts', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_PATH: databasePath },
  });
}

const admins = () => {
  const db = openDatabase(databasePath);
  const rows = db.$client.prepare('select email, name_th, role, demo, password_hash from users order by id').all() as Record<string, string | number>[];
  db.$client.close();
  return rows;
};

describe('user:create-admin', () => {
  it('creates an admin from arguments in a new database', () => {
    const run = createAdmin(['--email', 'Chief@OVEC.example', '--name', 'หัวหน้าศูนย์', '--password', 'a sturdy admin phrase']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('created admin chief@ovec.example');
    expect(admins()).toEqual([
      { email: 'chief@ovec.example', name_th: 'หัวหน้าศูนย์', role: 'admin', demo: 0, password_hash: expect.stringMatching(/^\$argon2id\$/) },
    ]);
  });

  it('asks for what the arguments leave out, reading answers from standard input', () => {
    const run = createAdmin(['--email', 'second@ovec.example'], 'ผู้ดูแลคนที่สอง\nanother sturdy phrase\n');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Name (Thai): ');
    expect(run.stdout).not.toContain('another sturdy phrase');
    expect(admins().map((a) => a.email)).toEqual(['chief@ovec.example', 'second@ovec.example']);
  });

  it('refuses a weak password, a bad email and an email already taken', () => {
    for (const [args, message] of [
      [['--email', 'x@ovec.example', '--name', 'ก', '--password', 'password'], 'too common'],
      [['--email', 'not-an-email', '--name', 'ก', '--password', 'a sturdy admin phrase'], 'is not an email address'],
      [['--email', 'chief@ovec.example', '--name', 'ก', '--password', 'a sturdy admin phrase'], 'exists already'],
    ] as const) {
      const run = createAdmin([...args]);
      expect(run.status, message).toBe(1);
      expect(run.stderr, message).toContain(message);
    }
    expect(admins()).toHaveLength(2);
  });
});
