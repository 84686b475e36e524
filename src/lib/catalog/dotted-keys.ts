// Flat names for nested item data (`contact.email`), as spreadsheet headers and form inputs write them.

/** Set `value` at a dotted `name` inside `target`, creating the objects on the way. */
export function setDotted(target: Record<string, unknown>, name: string, value: unknown): void {
  const path = name.split('.');
  let object = target;
  for (const part of path.slice(0, -1)) object = (object[part] ??= {}) as Record<string, unknown>;
  object[path.at(-1)!] = value;
}

/** The value at a dotted `name` inside `source`, or undefined. */
export function getDotted(source: Record<string, unknown>, name: string): unknown {
  return name.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], source);
}
