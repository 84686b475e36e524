// Checks JSON-LD against the schema.org vocabulary as schema-dts declares it (types, their properties and the
// properties they inherit), so a test fails on a type schema.org lacks or a property a type does not take.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface Declared {
  parents: string[];
  properties: string[];
}

function readVocabulary(): { interfaces: Map<string, Declared>; leafOf: Map<string, string> } {
  const path = createRequire(import.meta.url).resolve('schema-dts').replace(/schema\.js$/, 'schema.d.ts');
  const source = readFileSync(path, 'utf8');
  const interfaces = new Map<string, Declared>();
  const leafOf = new Map<string, string>();
  for (const match of source.matchAll(/^(?:export )?interface (\w+)(?: extends ([^{]+))? \{\n([\s\S]*?)^\}/gm)) {
    const [, name, parents = '', body = ''] = match;
    const properties = [...body.matchAll(/^ {4}"([^"]+)"\??:/gm)].map((m) => m[1]!);
    interfaces.set(name!, { parents: parents.split(',').map((p) => p.trim()).filter((p) => /^\w+$/.test(p)), properties });
    const type = /^ {4}"@type": "(\w+)";/m.exec(body)?.[1];
    if (type) leafOf.set(type, name!);
  }
  return { interfaces, leafOf };
}

const vocabulary = readVocabulary();

function propertiesOf(interfaceName: string, into = new Set<string>()): Set<string> {
  const declared = vocabulary.interfaces.get(interfaceName);
  if (!declared) return into;
  for (const property of declared.properties) into.add(property);
  for (const parent of declared.parents) propertiesOf(parent, into);
  return into;
}

/** What is wrong with a JSON-LD document, as readable lines: unknown types and properties their type does not take. */
export function schemaOrgProblems(node: unknown, path = '$'): string[] {
  if (Array.isArray(node)) return node.flatMap((value, i) => schemaOrgProblems(value, `${path}[${i}]`));
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const problems: string[] = [];
  const type = record['@type'];
  if (typeof type === 'string') {
    const leaf = vocabulary.leafOf.get(type);
    if (!leaf) problems.push(`${path}: schema.org has no type ${type}`);
    else {
      const allowed = propertiesOf(leaf);
      for (const key of Object.keys(record)) {
        if (!key.startsWith('@') && !allowed.has(key)) problems.push(`${path}: ${type} does not take ${key}`);
      }
    }
  }
  for (const [key, value] of Object.entries(record)) problems.push(...schemaOrgProblems(value, `${path}.${key}`));
  return problems;
}
