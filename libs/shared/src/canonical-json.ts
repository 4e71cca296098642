/**
 * Canonical JSON: keys sorted by code point at every level, no whitespace, `undefined` members dropped.
 * The value is first normalised through JSON so what is hashed equals what the database gives back.
 */
export const canonicalJson = (value: unknown): string => encode(JSON.parse(JSON.stringify(value ?? null)));

const encode = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(encode).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${encode(obj[k])}`).join(',')}}`;
};
