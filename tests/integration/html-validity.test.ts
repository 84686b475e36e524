// Every page is valid HTML (html-validate's standard rules, which follow the HTML specification's content models,
// plus its accessibility rules and headings that never skip a level), signed out and as an admin, in Thai and English.
import { HtmlValidate, type ConfigData } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPage, signedInUser } from '../helpers/accounts.ts';
import { adminPagePaths, publicPagePaths, resolvePagePaths } from '../helpers/pages.ts';
import { useServer } from '../helpers/suite.ts';

const app = useServer();
let admin: string;
beforeAll(async () => {
  const signed = await signedInUser(app.db, { role: 'admin', email: 'validator-admin@example.ac.th' });
  admin = signed.cookie;
  // As on the phone: the admin teaches a demo run, so that a run's pages are among theirs.
  app.db.$client.prepare('insert into run_instructors (run_id, user_id) select id, ? from course_runs order by id limit 1').run(signed.user.id);
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

async function problems(path: string, cookie?: string): Promise<string[]> {
  const response = await getPage(app.server, path, cookie);
  const html = await response.text();
  const report = await validator.validateString(html, path);
  return report.results.flatMap((result) => result.messages.map((m) => `${path} ${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
}

describe('valid HTML', () => {
  it('on every public page', async () => {
    const found: string[] = [];
    for (const path of await resolvePagePaths(app.server, publicPagePaths)) found.push(...(await problems(path)));
    expect(found).toEqual([]);
  });

  it('on signed-in and admin pages', async () => {
    const found: string[] = [];
    for (const path of await resolvePagePaths(app.server, adminPagePaths, admin)) found.push(...(await problems(path, admin)));
    expect(found).toEqual([]);
  });
});
