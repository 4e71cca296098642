/**
 * Canonical JSON: keys sorted by code unit (`Array.prototype.sort`) at every level, no whitespace, `undefined`
 * members dropped. The text is what `JSON.stringify` gives for the value after a round trip through JSON (dates
 * as their ISO text, non-finite numbers as null, functions and symbols dropped), so what is hashed equals what
 * the database gives back. One pass over the value, without building the JSON copy first.
 */
export const canonicalJson = (value: unknown): string => encode(value ?? null, '') ?? 'null';

const isBoxed = (v: object): boolean => v instanceof Number || v instanceof String || v instanceof Boolean;

/** The canonical text of a member or element, or undefined when JSON leaves it out. */
const encode = (value: unknown, key: string): string | undefined => {
  let v = value;
  if (v !== null && (typeof v === 'object' || typeof v === 'bigint') && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    v = (v as { toJSON(k: string): unknown }).toJSON(key);
  }
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      // JSON refuses BigInt with a TypeError; so does this.
      return JSON.stringify(v);
  }
  if (v === null) return 'null';
  if (isBoxed(v as object)) return encode(JSON.parse(JSON.stringify(v)) as unknown, key);
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) {
      if (i) out += ',';
      out += encode(v[i], String(i)) ?? 'null';
    }
    return `${out}]`;
  }
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const member = encode(obj[k], k);
    if (member === undefined) continue;
    out += first ? `${JSON.stringify(k)}:${member}` : `,${JSON.stringify(k)}:${member}`;
    first = false;
  }
  return `${out}}`;
};
