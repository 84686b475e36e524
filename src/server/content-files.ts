// Reading content/ straight from disk, for code that runs outside the Astro build (launcher, CLIs, tests).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface MarkdownEntry {
  /** The file name without extension: the entry's id, as the collection loader gives it. */
  id: string;
  data: unknown;
  body: string;
}

export function readYamlFile(path: string): unknown {
  return parse(readFileSync(path, 'utf8'));
}

/** Every Markdown entry of a collection folder, with its frontmatter parsed. */
export function readMarkdownEntries(dir: string): MarkdownEntry[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.mdx?$/.test(name))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
      if (!match) throw new Error(`${join(dir, name)} has no frontmatter`);
      return { id: name.replace(/\.mdx?$/, ''), data: parse(match[1]!), body: match[2]!.trim() };
    });
}
