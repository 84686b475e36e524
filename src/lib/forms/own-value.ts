/**
 * The value `record` holds under `key` itself, for keys that come from a request: never an inherited one such as
 * `__proto__`, `constructor` or `toString`, which the `in` operator and plain indexing would find.
 */
export function ownValue<V>(record: Readonly<Record<string, V>>, key: string | null | undefined): V | undefined {
  return key != null && Object.hasOwn(record, key) ? record[key] : undefined;
}
