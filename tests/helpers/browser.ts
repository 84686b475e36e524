// Debian's Chromium driven by playwright-core: no browser download, the flags this closed network needs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';

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

/** axe-core's WCAG 2.1 A/AA violations in a page or frame, as "rule (impact) at selectors" lines. */
export async function axeViolations(target: Page | Frame): Promise<string[]> {
  await target.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  return target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
    const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return violations.map((v) => `${location.pathname}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** The violations a journey fails on: axe's serious and critical ones. */
export async function seriousAxeViolations(target: Page | Frame): Promise<string[]> {
  return (await axeViolations(target)).filter((line) => /\((serious|critical)\) at /.test(line));
}
