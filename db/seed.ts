// Demo users for a new database, built with the same factory the tests use. Never in production: serve.ts skips
// them there, and sign-in refuses any that exist (users.demo).
import type { User } from './schema/index.ts';
import type { Db } from './connection.ts';
import { countUsers, createUser, type NewAccount } from '../src/server/auth/users.ts';

/** The demo accounts (README: Accounts); their passwords are public, which is why production refuses them. */
export const demoUsers = [
  {
    email: 'admin@demo.example',
    password: 'admin-demo-2569',
    role: 'admin',
    nameTh: 'ผู้ดูแลศูนย์ (ทดลอง)',
    nameEn: 'Center Admin (demo)',
    organization: 'สำนักงานคณะกรรมการการอาชีวศึกษา',
  },
  {
    email: 'expert@demo.example',
    password: 'expert-demo-2569',
    role: 'expert',
    nameTh: 'วิชัย ชำนาญกิจ (ทดลอง)',
    nameEn: 'Wichai Chamnankit (demo)',
    organization: 'บริษัท ไทยออโตเมชัน จำกัด',
    fields: ['mechatronics-and-robotics', 'electronics'],
  },
  {
    email: 'expert.hotel@demo.example',
    password: 'expert-demo-2569',
    role: 'expert',
    nameTh: 'ศิริพร บริการเลิศ (ทดลอง)',
    nameEn: 'Siriporn Borikanlert (demo)',
    organization: 'โรงแรมอันดามันรีสอร์ท ภูเก็ต',
    fields: ['hotel-management', 'tourism'],
  },
  {
    email: 'expert.farm@demo.example',
    password: 'expert-demo-2569',
    role: 'expert',
    nameTh: 'ประเสริฐ เกษตรก้าวหน้า (ทดลอง)',
    nameEn: 'Prasert Kasetkaona (demo)',
    organization: 'วิทยาลัยเกษตรและเทคโนโลยีสุพรรณบุรี',
    fields: ['plant-science', 'agricultural-technology-and-innovation'],
  },
  {
    email: 'teacher@demo.example',
    password: 'teacher-demo-2569',
    role: 'teacher',
    nameTh: 'สมศรี ใจดี (ทดลอง)',
    nameEn: 'Somsri Jaidee (demo)',
    organization: 'วิทยาลัยเทคนิคฉะเชิงเทรา',
    fields: ['mechanical-technology'],
  },
  {
    email: 'student@demo.example',
    password: 'student-demo-2569',
    role: 'student',
    nameTh: 'มานะ ตั้งใจ (ทดลอง)',
    nameEn: 'Mana Tangjai (demo)',
    organization: 'วิทยาลัยอาชีวศึกษาภูเก็ต',
    studentLevel: 'hvc',
    fields: ['hotel-management'],
  },
  {
    // A teacher at the host college with staff rights over its field (granted by src/server/network/demo-setup.ts).
    email: 'staff@demo.example',
    password: 'staff-demo-2569',
    role: 'teacher',
    nameTh: 'ประภา ดูแลเครือข่าย (ทดลอง)',
    nameEn: 'Prapa Duleakhruakhai (demo)',
    organization: 'วิทยาลัยเทคนิคฉะเชิงเทรา',
    fields: ['mechanical-technology'],
  },
] as const satisfies readonly (NewAccount & { password: string })[];

let sequence = 0;

/**
 * The user factory: a valid account with every default filled in (a unique email each call), any of which
 * `overrides` replaces. Returns the user and the password it was given.
 */
export async function insertUser(db: Db, overrides: Partial<NewAccount> = {}): Promise<User & { password: string }> {
  sequence += 1;
  const account: NewAccount = {
    email: `user-${sequence}-${crypto.randomUUID().slice(0, 8)}@test.example`,
    password: 'factory-password-2569',
    role: 'student',
    nameTh: `ผู้ใช้ทดสอบ ${sequence}`,
    nameEn: `Test User ${sequence}`,
    organization: 'วิทยาลัยเทคนิคทดสอบ',
    studentLevel: overrides.role && overrides.role !== 'student' ? null : 'vc',
    fields: [],
    ...overrides,
  };
  return { ...(await createUser(db, account)), password: account.password };
}

/** Create the demo users in an empty database outside production; returns how many were created. */
export async function seedDemoUsers(db: Db, options: { production: boolean }): Promise<number> {
  if (options.production || countUsers(db) > 0) return 0;
  for (const demo of demoUsers) await insertUser(db, { ...demo, demo: true });
  return demoUsers.length;
}
