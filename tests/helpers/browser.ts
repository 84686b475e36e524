// Debian's Chromium driven by playwright-core: no browser download, the flags this closed network needs.
import { chromium, type Browser, type Page } from 'playwright-core';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/**
 * Every Content-Security-Policy violation the page reports from now on (Chromium logs each as a console error
 * starting "Refused to …"): the list a test expects to stay empty.
 */
export function cspViolations(page: Page): string[] {
  const found: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(text)) found.push(`${page.url()}: ${text}`);
  });
  return found;
}
