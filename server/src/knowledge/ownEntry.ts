// Tables keyed by names a transcript writes (a built-in, a setting's alias, a header field, an Authentication-Results
// method) are plain objects: `table[name]` also finds what every object inherits, so `constructor`, `toString` or
// `__proto__` written in a file was taken for an entry (lint and completion crashed on it, a message showed a function).
// Looked up here, a table knows its own entries only.

/** `table[key]` when the table itself has that entry; undefined otherwise. */
export function ownEntry<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
