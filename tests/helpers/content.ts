// Reading content/ the way the collections do, for tests that check the files themselves.
import { join } from 'node:path';
import { readMarkdownEntries as readEntries, readYamlFile } from '../../src/server/content-files.ts';

export const contentDir = new URL('../../content/', import.meta.url).pathname;

export function readYamlList(relativePath: string): Record<string, unknown>[] {
  return readYamlFile(join(contentDir, relativePath)) as Record<string, unknown>[];
}

export function readMarkdownEntries(collection: string) {
  return readEntries(join(contentDir, collection));
}
