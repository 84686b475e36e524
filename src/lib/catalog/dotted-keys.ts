// Flat names for nested item data (`contact.email`), as spreadsheet headers and form inputs write them. The names
// come from input (a spreadsheet's header row), so no part may reach an object's prototype.

const unsafeParts = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether a dotted name may be used as a key path: no empty part and none that reaches a prototype. */
export function isUsableDottedName(name: string): boolean {
  return name.split('.').every((part) => part !== '' && !unsafeParts.has(part));
}

/** An object to fill from input keys: it has no prototype to pollute. */
export const bareObject = (): Record<string, unknown> => Object.create(null) as Record<string, unknown>;

/**
 * Set `value` at a dotted `name` inside `target`, creating the objects on the way. Throws on a name that is not
 * usable (see isUsableDottedName) or that runs through a value which is not an object.
 */
export function setDotted(target: Record<string, unknown>, name: string, value: unknown): void {
  if (!isUsableDottedName(name)) throw new TypeError(`"${name}" is not a usable key`);
  const path = name.split('.');
  let object = target;
  for (const part of path.slice(0, -1)) {
    if (!Object.hasOwn(object, part)) object[part] = bareObject();
    const next = object[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) throw new TypeError(`"${name}" runs through "${part}", which is not an object`);
    object = next as Record<string, unknown>;
  }
  object[path.at(-1)!] = value;
}

/** The value at a dotted `name` inside `source` (own keys only), or undefined. */
export function getDotted(source: Record<string, unknown>, name: string): unknown {
  return name.split('.').reduce<unknown>((value, key) => {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    return (value as Record<string, unknown>)[key];
  }, source);
}
