// Reading content/ the way the collections do, for tests that check the files themselves.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const contentDir = new URL('../../content/', import.meta.url).pathname;

export function readYamlList(relativePath: string): Record<string, unknown>[] {
  return parse(readFileSync(join(contentDir, relativePath), 'utf8')) as Record<string, unknown>[];
}

/** Each Markdown entry of a collection folder: its id (file name) and frontmatter. */
export function readMarkdownEntries(collection: string): { id: string; data: unknown }[] {
  const dir = join(contentDir, collection);
  return readdirSync(dir)
    .filter((name) => /\.mdx?$/.test(name))
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const match = /^---\n([\s\S]*?)\n---/.exec(text);
      if (!match) throw new Error(`${collection}/${name} has no frontmatter`);
      return { id: name.replace(/\.mdx?$/, ''), data: parse(match[1]!) };
    });
}
