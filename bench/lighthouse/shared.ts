// What both Lighthouse scripts here share: the pages a new visitor meets first, and how a report is kept.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const pages = [
  ['home', '/'],
  ['a field', '/fields/electrical-technology'],
  ['library', '/library'],
  ['search ไฟฟ้า', `/search?q=${encodeURIComponent('ไฟฟ้า')}`],
  ['an item', '/library/ebooks/ac-motor-control-and-plc'],
] as const;

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Writes a report's lines (Markdown) to `out` and prints them. */
export function writeReport(out: string, lines: string[]): void {
  const report = [...lines, ''].join('\n');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, report);
  console.log(`\n${report}`);
}
