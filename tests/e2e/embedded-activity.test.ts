// An H5P activity embedded in an expert's article plays on the reader's page: the player's sandboxed frame shows the
// question, the page reports no CSP violation.
import { describe, expect, it } from 'vitest';
import { cspViolations } from '../helpers/browser.ts';
import { useBrowser, useServer } from '../helpers/suite.ts';

const app = useServer();
const chromium = useBrowser();

describe('an activity inside an article', () => {
  it('is played where the author put it', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 360, height: 740 } });
    const csp = cspViolations(page);
    await page.goto(`${app.server.url}/articles`);
    const href = await page.locator('a[href^="/articles/"]', { hasText: 'PLC' }).first().getAttribute('href');
    expect(href).toBeTruthy();
    await page.goto(app.server.url + href!);
    const slot = page.locator('.article-body .h5p-slot[data-h5p-activity="electrical-safety-ppe"]');
    await slot.locator('ic-h5p-activity').waitFor();
    await page.frameLocator('.article-body iframe.h5p-activity__frame').getByRole('radio', { name: /ถุงมือยางกันไฟฟ้า/ }).waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.close();
    expect(csp).toEqual([]);
  });
});
