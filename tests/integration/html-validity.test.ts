// Every page is valid HTML (html-validate's standard rules, which follow the HTML specification's content models,
// plus its accessibility rules and headings that never skip a level), signed out and as an admin, in Thai and English.
import { HtmlValidate, type ConfigData } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPage, signedInUser } from '../helpers/accounts.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer();
let admin: string;
beforeAll(async () => {
  admin = (await signedInUser(app.db, { role: 'admin', email: 'validator-admin@example.ac.th' })).cookie;
});

const config: ConfigData = {
  extends: ['html-validate:standard', 'html-validate:a11y'],
  rules: {
    // A group of checkboxes (fields of excellence) shares one name, as HTML intends.
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
    // The header's suggestions are an ARIA listbox popup of a combobox, which no native element provides.
    'prefer-native-element': ['error', { exclude: ['listbox', 'option'] }],
    // Headings never skip a level (h1 → h3, h2 → h4): screen reader users move through a page by them.
    'heading-level': 'error',
  },
};
const validator = new HtmlValidate(config);

const publicPages = [
  '/', '/fields', '/fields?group=cluster', '/fields/electrical-technology', '/fields/hotel-management', '/library', '/library?type=research&sort=title',
  '/library/ebooks/ac-motor-control-and-plc', '/library/curricula/hvc-2563-electric-vehicle-technology', '/library/experts/adisak-muensri', '/experts', '/research', '/curricula',
  `/search?q=${encodeURIComponent('ไฟฟ้า')}`, '/search?q=zzqqxx', '/login', '/register', '/register?sent=1', '/forgot-password', '/reset-password?token=x',
  '/confirm-email?token=x', '/no-such-page', '/en/', '/en/library', '/en/fields/hotel-management', '/en/search?q=electric', '/en/login',
  '/fields/tourism', '/en/fields/tourism', '/courses', '/articles', '/en/experts', '/library/research/bms-training-kit-for-ev-technology', '/en/library/ebooks/ev-high-voltage-battery-systems',
];
const adminPages = ['/account', '/admin/users', '/admin/items', '/admin/items/new?type=ebooks', '/admin/items/new?type=courses', '/admin/items/ebooks/hotel-front-office-operations', '/admin/searches', '/en/admin/users', '/admin/reports?year=2569', '/admin/reports/indicators?year=2569&field=electronics', '/en/staff/electronics/training?year=2569'];

async function problems(path: string, cookie?: string): Promise<string[]> {
  const response = await getPage(app.server, path, cookie);
  const html = await response.text();
  const report = await validator.validateString(html, path);
  return report.results.flatMap((result) => result.messages.map((m) => `${path} ${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
}

describe('valid HTML', () => {
  it('on every public page', async () => {
    const found: string[] = [];
    for (const path of publicPages) found.push(...(await problems(path)));
    expect(found).toEqual([]);
  });

  it('on signed-in and admin pages', async () => {
    const found: string[] = [];
    for (const path of adminPages) found.push(...(await problems(path, admin)));
    expect(found).toEqual([]);
  });
});
