// The CVM network on start: provinces and host colleges always; outside production, on a new database, the demo
// network and the demo staff user's rights.
import type { Db } from '../../../db/connection.ts';
import type { Field } from '../../lib/content/schemas/index.ts';
import { findUserByEmail } from '../auth/users.ts';
import { syncHostColleges } from './colleges.ts';
import { seedDemoNetwork } from './demo-network.ts';
import { setStaffFields, staffFieldsOf } from './field-staff.ts';
import { syncProvinces } from './provinces.ts';

/** The demo staff user (db/seed.ts) looks after the first field, whose host college they teach at. */
export const demoStaff = { email: 'staff@demo.example', fields: ['mechanical-technology'] } as const;

export async function prepareNetwork(db: Db, fields: readonly Field[], options: { contentDir: string; production: boolean; demoNetwork: boolean }): Promise<string[]> {
  const notes: string[] = [];
  await syncProvinces(db);
  const hosts = syncHostColleges(db, fields, options.contentDir);
  notes.push(`network: ${hosts} host colleges`);
  if (options.production) return notes;
  const made = options.demoNetwork ? await seedDemoNetwork(db, fields) : null;
  if (made) {
    notes.push(
      `network demo: ${made.colleges} colleges, ${made.establishments} establishments, ${made.demand} demand and ${made.supply} supply rows, ${made.agreements} agreements`,
    );
  }
  const staff = findUserByEmail(db, demoStaff.email);
  if (staff?.demo && staffFieldsOf(db, staff.id).length === 0) setStaffFields(db, staff.id, demoStaff.fields, null);
  return notes;
}
