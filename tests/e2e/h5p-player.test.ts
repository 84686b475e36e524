// An H5P activity played on a phone: the sandboxed player's xAPI statements reach the page as DOM events, a saved
// state comes back, and neither the page nor the player breaks its Content-Security-Policy.
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signedInUser } from '../helpers/accounts.ts';
import { axeViolations, cspViolations } from '../helpers/browser.ts';
import { useBrowser, useServer } from '../helpers/suite.ts';

const app = useServer();
const chromium = useBrowser();

const phone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

async function adminPage(browser: Browser): Promise<{ page: Page; csp: string[] }> {
  const { cookie } = await signedInUser(app.db, { role: 'admin' });
  const context = await browser.newContext(phone);
  const [name, value] = cookie.split(';')[0]!.split('=');
  await context.addCookies([{ name: name!, value: value!, url: app.server.url }]);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  // Every xAPI statement the component dispatches, as the page's own code sees it.
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { xapiSeen: unknown[] }).xapiSeen = seen;
    document.addEventListener('h5p:xapi', (event) => seen.push((event as CustomEvent).detail));
    const states: unknown[] = [];
    (window as unknown as { statesSeen: unknown[] }).statesSeen = states;
    document.addEventListener('h5p:state', (event) => states.push((event as CustomEvent).detail));
  });
  return { page, csp: cspViolations(page) };
}

describe('an H5P activity in the browser', () => {
  it('a multiple-choice answer reaches the page as an h5p:xapi event with its score, on a 360 px phone', async () => {
    const { page, csp } = await adminPage(chromium.browser);
    await page.goto(`${app.server.url}/admin/h5p/electrical-safety-ppe`);
    const player = page.frameLocator('iframe.h5p-activity__frame');
    const right = player.getByRole('radio', { name: /ถุงมือยางกันไฟฟ้า/ });
    await right.waitFor();
    // Played with the keyboard, as a screen-reader user would: focus the answer, select it, then the Check button.
    await right.focus();
    await page.keyboard.press('Space');
    await player.getByRole('button', { name: 'ตรวจคำตอบ' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (window as unknown as { xapiSeen: { statement: { verb: { id: string } } }[] }).xapiSeen.map((d) => d.statement.verb.id)), { timeout: 15_000 }).toContain('http://adlnet.gov/expapi/verbs/answered');

    const details = await page.evaluate(() => (window as unknown as { xapiSeen: unknown[] }).xapiSeen);
    const answered = details.find((d) => (d as { statement: { verb: { id: string } } }).statement.verb.id.endsWith('/answered')) as {
      activityId: string;
      statement: { result: { score: { raw: number; max: number; scaled: number }; success: boolean; completion: boolean }; object: { id: string } };
    };
    expect(answered.activityId).toBe('electrical-safety-ppe');
    expect(answered.statement.result).toMatchObject({ score: { raw: 1, max: 1, scaled: 1 }, success: true, completion: true });
    expect(answered.statement.object.id).toContain('/h5p/embed/electrical-safety-ppe');
    await expect.poll(() => page.locator('#xapi-log li[data-verb=answered]').textContent(), { timeout: 15_000 }).toContain('1/1');
    await expect.poll(() => player.getByRole('status').textContent(), { timeout: 15_000 }).toContain('คุณได้ 1 จาก 1 คะแนน');

    // The player fits the phone: no sideways scrolling in the page or in the activity.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const frameWidth = await player.locator('body').evaluate((body) => body.ownerDocument.documentElement.scrollWidth);
    expect(frameWidth).toBeLessThanOrEqual(360);
    await page.context().close();
    expect(csp).toEqual([]);
  });

  it('the state the page saved is given back: a learner finds the blanks as they left them', async () => {
    const { page, csp } = await adminPage(chromium.browser);
    await page.goto(`${app.server.url}/admin/h5p/diesel-engine-four-stroke`);
    const player = page.frameLocator('iframe.h5p-activity__frame');
    await player.getByLabel('ช่องว่างที่ 1').fill('ดูด');
    await player.getByLabel('ช่องว่างที่ 2').fill('อัด');
    await expect.poll(() => page.evaluate(() => (window as unknown as { statesSeen: { state: string }[] }).statesSeen.at(-1)?.state ?? ''), { timeout: 15_000 }).toContain('อัด');
    const saved = await page.evaluate(() => (window as unknown as { statesSeen: { state: string }[] }).statesSeen.at(-1)!.state);

    // A page that embeds the activity with that state (as a lesson page does with the state it stored).
    await page.goto(`${app.server.url}/admin/h5p/electrical-safety-ppe`);
    await page.evaluate(
      ([state]) => {
        const element = document.createElement('ic-h5p-activity');
        element.dataset.activityId = 'diesel-engine-four-stroke';
        element.dataset.src = '/h5p/embed/diesel-engine-four-stroke';
        element.dataset.title = 'restored';
        element.dataset.state = state;
        element.id = 'restored';
        document.querySelector('main')!.append(element);
      },
      [saved],
    );
    const restored = page.frameLocator('#restored iframe');
    await expect.poll(() => restored.getByLabel('ช่องว่างที่ 1').inputValue(), { timeout: 15_000 }).toBe('ดูด');
    expect(await restored.getByLabel('ช่องว่างที่ 2').inputValue()).toBe('อัด');
    await page.context().close();
    expect(csp).toEqual([]);
  });

  it('messages that are not from the activity\'s own iframe are ignored', async () => {
    const { page } = await adminPage(chromium.browser);
    await page.goto(`${app.server.url}/admin/h5p/electrical-safety-lockout`);
    await page.frameLocator('iframe.h5p-activity__frame').getByRole('radio', { name: 'ถูก' }).waitFor();
    // A forged statement posted by the page itself (any script or window other than the player's frame).
    await page.evaluate(() =>
      window.postMessage({ channel: 'ic-h5p', activityId: 'electrical-safety-lockout', type: 'xapi', statement: { verb: { id: 'http://adlnet.gov/expapi/verbs/answered' } } }, '*'),
    );
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { xapiSeen: unknown[] }).xapiSeen.length)).toBe(0);
    await page.context().close();
  });

  it('each question type passes axe (WCAG 2.1 A/AA) inside the player, and so do the admin pages', async () => {
    const { page, csp } = await adminPage(chromium.browser);
    const problems: string[] = [];
    for (const id of ['electrical-safety-ppe', 'electrical-safety-lockout', 'diesel-engine-four-stroke']) {
      await page.goto(`${app.server.url}/admin/h5p/${id}`);
      await page.frameLocator('iframe.h5p-activity__frame').getByRole('button', { name: 'ตรวจคำตอบ' }).waitFor();
      problems.push(...(await axeViolations(page)));
      problems.push(...(await axeViolations(page.frames().find((f) => f.url().includes('/h5p/embed/'))!)));
    }
    await page.goto(`${app.server.url}/en/admin/h5p`);
    problems.push(...(await axeViolations(page)));
    await page.context().close();
    expect(problems).toEqual([]);
    expect(csp).toEqual([]);
  });
});
