import fc from 'fast-check';
import { USCC_ALPHABET, usccCheckCharacter, usccDefect } from '../../libs/enterprises/src/domain/uscc.rule.js';

/**
 * fast-check arbitraries for the write routes: valid values built from the request rules (DTOs, field checks of
 * libs/shared, GB 32100-2015 for USCCs, domain.md §3 for standard numbers), adversarial values that no field of
 * that kind may accept, and a small body model (`Field`) that yields both a valid body and bodies broken in one
 * place, each naming the field it broke.
 */

export type Json = Record<string, unknown>;

// ---------------------------------------------------------------- building blocks: text

/** Injection strings: SQL, script, template, path, command, LDAP, NoSQL. Plain text to a free-text field. */
export const INJECTIONS: readonly string[] = Object.freeze([
  "'; drop table es_events; --",
  "' OR '1'='1",
  '1; DELETE FROM es_events WHERE true; --',
  '" OR ""="',
  "admin'--",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(document.cookie)',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '$(rm -rf /)',
  '`id`',
  '*)(uid=*))(|(uid=*',
  '{"$where": "sleep(1000)"}',
  '%00%27%22',
  '\\x27\\x22',
]);

/** Unicode edge cases that are still well-formed text: RTL and zero-width marks, joiners, combining marks, emoji, full-width digits, CJK extension B, a BOM. */
export const WELL_FORMED_UNICODE: readonly string[] = Object.freeze([
  '\u202Eevil\u202C', // right-to-left override
  '\u200F\u200E', // RTL and LTR marks
  'a\u200Db', // zero-width joiner
  '\u200B\u2060', // zero-width space, word joiner
  'e\u0301\u0327\u0308', // stacked combining marks
  '👩‍👩‍👧‍👦', // ZWJ emoji sequence
  '🇨🇳', // regional indicators
  '１２３４５６', // full-width digits
  '𠀀𪚥', // CJK extension B (astral)
  '\uFEFF', // byte order mark
  'ﷺ', // a ligature
  'Ⅻ', // a Roman numeral letter
]);

/** Text no field stores: NUL, lone surrogates (neither is storable JSON text in the log). */
export const ILL_FORMED_UNICODE: readonly string[] = Object.freeze(['\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '\uDBFF\uDBFF', '名\uDC00']);

const CJK = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
const ASCII_WORD = fc.constantFrom('a', 'Z', '0', '9', '-', '_', '.', '/', ' ', '%', "'", '"', '<', '>', '&', '\\');

/** One piece of valid text: CJK, ASCII, a well-formed Unicode edge case or an injection string. */
const textPiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: CJK },
  { weight: 3, arbitrary: ASCII_WORD },
  { weight: 2, arbitrary: fc.constantFrom(...WELL_FORMED_UNICODE) },
  { weight: 1, arbitrary: fc.constantFrom(...INJECTIONS) },
);

/** Code points, as the field checks count them (libs/shared `textLength`). */
export const codePoints = (s: string): number => [...s].length;

/** Runs of whitespace collapsed and ends trimmed, as the field checks normalise text (libs/shared `normaliseText`). */
const normalised = (s: string): string => s.replace(/\s+/gu, ' ').trim();

/**
 * Valid free text of 1–max code points once normalised: starts with a CJK character (never blank), then mixes CJK,
 * ASCII, injection strings and well-formed Unicode edge cases; one in eight is exactly `max` long.
 */
export const validText = (max: number, min = 1): fc.Arbitrary<string> => {
  const body = fc
    .tuple(CJK, fc.array(textPiece, { maxLength: 12 }))
    .map(([first, rest]) => {
      let s = first;
      for (const piece of rest) if (codePoints(normalised(s + piece)) <= max) s += piece;
      return normalised(s);
    });
  const atMax = CJK.map((c) => c.repeat(max));
  return fc.oneof({ weight: 7, arbitrary: body }, { weight: 1, arbitrary: atMax }).filter((s) => codePoints(s) >= Math.max(min, 1));
};

// ---------------------------------------------------------------- USCC (GB 32100-2015) and division codes

const USCC_CHAR = fc.constantFrom(...USCC_ALPHABET.split(''));

/** A valid USCC: registering authority 9, entity type 1, the division code, a random organisation code, the check character (the project's own function). */
export const validUscc = (division = '440305'): fc.Arbitrary<string> =>
  fc.array(USCC_CHAR, { minLength: 9, maxLength: 9 }).map((org) => {
    const first17 = `91${division}${org.join('')}`;
    return first17 + usccCheckCharacter(first17);
  });

/** A USCC made valid from a fixed organisation code, for fixtures. */
export const usccOf = (division: string, organisation: string): string => `91${division}${organisation}${usccCheckCharacter(`91${division}${organisation}`)}`;

/** Codes that are not a USCC: a wrong check character, 17 or 19 characters, a letter outside the alphabet, full-width, blanks and invisible characters inside, injection strings of 18 characters. */
export const invalidUscc = (division = '440305'): fc.Arbitrary<string> =>
  fc.oneof(
    validUscc(division).map((u) => {
      const wrong = USCC_ALPHABET[(USCC_ALPHABET.indexOf(u[17]) + 1) % USCC_ALPHABET.length];
      return u.slice(0, 17) + wrong;
    }),
    validUscc(division).map((u) => u.slice(0, 17)),
    validUscc(division).map((u) => `${u}0`),
    validUscc(division).chain((u) => fc.constantFrom('I', 'O', 'S', 'V', 'Z', 'i', 'o').map((c) => c + u.slice(1))),
    validUscc(division).map((u) => [...u].map((c) => (/\d/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('')),
    validUscc(division).map((u) => `${u.slice(0, 8)}\u200B${u.slice(9)}`),
    validUscc(division).map((u) => `${u.slice(0, 9)} ${u.slice(10)}`),
    validUscc(division).map((u) => u.toLowerCase().replace(/.$/, (c) => USCC_ALPHABET[(USCC_ALPHABET.indexOf(c.toUpperCase()) + 2) % 31].toLowerCase())),
    fc.constantFrom("'; drop table es--", '<script>alert(1)<', '000000000000000001', 'YYYYYYYYYYYYYYYYYY', '91440305MA5\u0000AAAAAA'),
  ).filter((code) => usccDefect(code.trim().toUpperCase()) !== null);

/** Strings that are not a six-digit division code. */
export const invalidDivision: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('44030', '4403050', '44O305', '４４０３０５', '440305\u200B', ' 440305 x', '-44030', '44.305', '0x4403', "'; --", '<script>'),
  fc.string({ maxLength: 12 }).filter((s) => !/^\d{6}$/.test(s.trim())),
);

// ---------------------------------------------------------------- dates, ids, standard numbers

/** Strings that are not a real calendar date YYYY-MM-DD. */
export const invalidDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '2026-02-30',
    '2026-13-01',
    '2026-00-10',
    '2025-02-29',
    '2026-1-05',
    '26-01-05',
    '2026/11/16',
    '16.11.2026',
    '2026-11-16T00:00:00Z',
    '２０２６-１１-１６',
    '2026-11-16\u200F',
    '\u202E2026-11-16',
    '99999-01-01',
    '0000-00-00',
    'yesterday',
    "2026-11-16'; drop table es_events; --",
    '',
  ),
  fc.string({ maxLength: 16 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
);

/** Strings that are not a UUID. */
export const invalidUuid: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('not-a-uuid', '0197a000-0000-7000-8000-00000000000', '0197a000-0000-7000-8000-0000000000000', '0197a000000070008000000000000000g', "'; drop table es_events; --", ''),
  fc.uuid().map((u) => `${u}\u0000`),
  fc.uuid().map((u) => u.replace(/-/g, '—')),
);

/** Standard numbers no kind accepts (domain.md §3): no prefix, no year, a year outside 1950–2100, a script, an unknown shape. */
export const invalidStandardNumber: fc.Arbitrary<string> = fc.constantFrom(
  'GB/T',
  '18801-2022',
  'GB/T 18801',
  'GB/T 18801-1800',
  'GB/T 18801-99999',
  'XYZ/T 18801-2022',
  'GB/X 18801-2022',
  'Q/ -2026',
  '<script>alert(1)</script>',
  "GB 1-2020'; drop table es_events; --",
  '\u202EGB/T 18801-2022',
  '标准编号',
);

/** A valid enterprise standard number `Q/<code> <n>-<year>` (domain.md §3). */
export const validEnterpriseStandardNumber: fc.Arbitrary<string> = fc
  .tuple(fc.stringMatching(/^[A-Z]{2,5}$/), fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 2000, max: 2026 }))
  .map(([code, n, year]) => `Q/${code} ${String(n).padStart(3, '0')}-${year}`);

// ---------------------------------------------------------------- structure

/** Arrays or objects `depth` levels deep around a string: written out as JSON text only (`toJsonText`), never built. */
export class Nested {
  constructor(
    readonly depth: number,
    readonly kind: 'array' | 'object',
  ) {}

  toJsonText(): string {
    return this.kind === 'array' ? `${'['.repeat(this.depth)}"deep"${']'.repeat(this.depth)}` : `${'{"a":'.repeat(this.depth)}"deep"${'}'.repeat(this.depth)}`;
  }
}

export const nested = (depth: number, kind: 'array' | 'object'): Nested => new Nested(depth, kind);

/** A body as JSON text; nesting deeper than a JSON encoder's stack is written out directly. */
export const toJsonText = (value: unknown): string => {
  if (value instanceof Nested) return value.toJsonText();
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
};

export const deepNesting: fc.Arbitrary<unknown> = fc.tuple(fc.integer({ min: 20, max: 2000 }), fc.constantFrom('array' as const, 'object' as const)).map(([d, k]) => nested(d, k));

/** Huge strings: far above any field's limit, still under the default body limit. */
export const hugeString: fc.Arbitrary<string> = fc.tuple(fc.integer({ min: 20_000, max: 200_000 }), fc.constantFrom('a', '中', '😀', ' ')).map(([n, c]) => c.repeat(n / c.length));

/** Any JSON value that is not a string. */
const nonString: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant([]),
  fc.array(fc.string({ maxLength: 4 }), { minLength: 1, maxLength: 3 }),
  fc.constant({}),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { minKeys: 1, maxKeys: 3 }),
  deepNesting,
);

/** Field names no request model has, prototype keys included. */
export const unknownFieldName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '$where', 'isAdmin', 'role', "'; drop table es_events; --", '<script>', '\u0000', '\uD800', '名称', 'a.b', '0', ''),
  fc.stringMatching(/^[a-z][a-zA-Z]{2,12}$/).map((s) => `x${s}`),
);

// ---------------------------------------------------------------- the body model

interface Common {
  /** May be left out; `null` counts as left out too when `nullable`. */
  optional?: boolean;
  nullable?: boolean;
}

export type Field = Common &
  (
    | { kind: 'text'; max: number; min?: number; valid?: fc.Arbitrary<string> }
    | { kind: 'date'; valid: fc.Arbitrary<string> }
    | { kind: 'uscc'; valid: fc.Arbitrary<string> }
    | { kind: 'division'; valid: fc.Arbitrary<string> }
    | { kind: 'enum'; values: readonly (string | number)[]; valid?: fc.Arbitrary<string | number> }
    | { kind: 'boolean'; valid?: fc.Arbitrary<boolean> }
    | { kind: 'uuid'; valid: fc.Arbitrary<string> }
    | { kind: 'int'; min: number; max: number; valid?: fc.Arbitrary<number> }
    | { kind: 'positive'; valid: fc.Arbitrary<number> }
    | { kind: 'standardNumber'; valid: fc.Arbitrary<string> }
    /** A string naming something that must exist (an inspector, a listing): unknown names are refused too. */
    | { kind: 'ref'; max: number; valid: fc.Arbitrary<string> }
    | { kind: 'object'; fields: Record<string, Field>; /** checked member by member by the domain, not a closed model */ open?: boolean; valid?: fc.Arbitrary<Json> }
    | { kind: 'array'; of: Field; min: number; max: number; valid?: fc.Arbitrary<unknown[]> }
  );

export const text = (max: number, more: Partial<Extract<Field, { kind: 'text' }>> = {}): Field => ({ kind: 'text', max, ...more });
export const optionalText = (max: number, more: Partial<Extract<Field, { kind: 'text' }>> = {}): Field => ({ kind: 'text', max, optional: true, nullable: true, ...more });
export const date = (valid: fc.Arbitrary<string> | string, optional = false): Field => ({ kind: 'date', valid: typeof valid === 'string' ? fc.constant(valid) : valid, optional, nullable: optional });
export const oneOf = (values: readonly (string | number)[], optional = false): Field => ({ kind: 'enum', values, optional });
export const bool = (optional = false): Field => ({ kind: 'boolean', optional });
export const object = (fields: Record<string, Field>, more: Partial<Extract<Field, { kind: 'object' }>> = {}): Field => ({ kind: 'object', fields, ...more });

/** A valid value of the field. */
export const validOf = (f: Field): fc.Arbitrary<unknown> => {
  switch (f.kind) {
    case 'text':
      return f.valid ?? validText(f.max, f.min ?? 1);
    case 'enum':
      return f.valid ?? fc.constantFrom(...f.values);
    case 'boolean':
      return f.valid ?? fc.boolean();
    case 'int':
      return f.valid ?? fc.integer({ min: f.min, max: f.max });
    case 'object': {
      if (f.valid) return f.valid;
      const required: Record<string, fc.Arbitrary<unknown>> = {};
      const keys: string[] = [];
      for (const [k, sub] of Object.entries(f.fields)) {
        required[k] = validOf(sub);
        if (!sub.optional) keys.push(k);
      }
      return fc.record(required, { requiredKeys: keys as never[] });
    }
    case 'array':
      return f.valid ?? fc.array(validOf(f.of), { minLength: f.min, maxLength: Math.min(f.max, f.min + 3) });
    default:
      return f.valid;
  }
};

/** Values of the wrong JSON type for the field (null only where it is required). */
const wrongType = (f: Field): fc.Arbitrary<unknown> => {
  const nullIfRequired = f.optional || f.nullable ? [] : [fc.constant(null)];
  switch (f.kind) {
    case 'boolean':
      return fc.oneof(fc.constantFrom('true', 'false', 1, 0, 'yes', [], {}), deepNesting, ...nullIfRequired);
    case 'int':
    case 'positive':
      return fc.oneof(fc.constantFrom('1', '1e3', true, [], {}, [1]), deepNesting, ...nullIfRequired);
    case 'object':
      return fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant([]), fc.constant([{}]), ...nullIfRequired);
    case 'array':
      return fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant({}), fc.constant({ 0: 'a', length: 1 }), ...nullIfRequired);
    default:
      return fc.oneof(nonString, ...nullIfRequired);
  }
};

/** String values of the right type that the field refuses. */
const badStrings = (f: Field): fc.Arbitrary<unknown>[] => {
  switch (f.kind) {
    case 'text': {
      const out: fc.Arbitrary<unknown>[] = [
        fc.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom('a', '中', '𠀀', 'é')).map(([extra, c]) => c.repeat(f.max + extra)),
        hugeString,
        validOf(f).chain((s) => fc.constantFrom(...ILL_FORMED_UNICODE).map((bad) => `${String(s).slice(0, Math.max(0, f.max - 3))}${bad}`)),
      ];
      if (!f.optional && (f.min ?? 1) >= 1) out.push(fc.constantFrom('', '   ', '\t\n', '\u3000'));
      return out;
    }
    case 'ref':
      return [
        fc.tuple(fc.integer({ min: 1, max: 20 }), fc.constantFrom('a', '中')).map(([extra, c]) => c.repeat(f.max + extra)),
        hugeString,
        fc.constantFrom(...ILL_FORMED_UNICODE),
        fc.constantFrom(...INJECTIONS),
        fc.constantFrom('', '   '),
      ];
    case 'date':
      return [invalidDate];
    case 'uscc':
      return [invalidUscc(), fc.constantFrom(...INJECTIONS), hugeString];
    case 'division':
      return [invalidDivision];
    case 'uuid':
      return [invalidUuid];
    case 'standardNumber':
      return [invalidStandardNumber, fc.constantFrom('', 'GB'), hugeString];
    case 'enum':
      return [
        fc.constantFrom(...INJECTIONS, ...ILL_FORMED_UNICODE, ...WELL_FORMED_UNICODE, ''),
        fc.constantFrom(...f.values).map((v) => String(v).toUpperCase() + (typeof v === 'number' ? '.5' : '')),
        fc.constantFrom(...f.values).map((v) => ` ${String(v)} `),
        fc.constantFrom(...f.values).map((v) => `${String(v)}\u200B`),
        fc.string({ maxLength: 20 }).filter((s) => !f.values.includes(s)),
      ];
    case 'int':
      return [
        fc.oneof(
          fc.double({ min: f.min, max: f.max, noNaN: true }).filter((n) => !Number.isInteger(n)),
          fc.integer({ min: f.max + 1, max: f.max + 1_000_000 }),
          fc.integer({ min: f.min - 1_000_000, max: f.min - 1 }),
          fc.constantFrom(1e21, -1e21, Number.MAX_SAFE_INTEGER + 2),
        ),
      ];
    case 'positive':
      return [fc.constantFrom(0, -1, -0.01, -1e9)];
    default:
      return [];
  }
};

/** One invalid value of the field (a value for a part of it, for objects and arrays, comes from `mutations`). */
export const invalidOf = (f: Field): fc.Arbitrary<unknown> => {
  const strings = badStrings(f);
  return strings.length ? fc.oneof({ weight: 1, arbitrary: wrongType(f) }, { weight: 3, arbitrary: fc.oneof(...strings) }) : wrongType(f);
};

/** A body broken in one place, and the field the refusal must name (`''` for the body as a whole). */
export interface Mutation {
  body: unknown;
  field: string;
  how: string;
}

const clone = <T>(v: T): T => structuredClone(v);

/** Dotted path `a.b.0.c` of the field, as both class-validator and the field checks name it once `[n]` is read as `.n`. */
export const normaliseFieldPath = (p: string): string => p.replace(/\[(\d+)\]/g, '.$1');

const setAt = (body: Json, path: (string | number)[], value: unknown): Json => {
  const copy = clone(body);
  let at: Record<string | number, unknown> = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
};

interface Target {
  path: (string | number)[];
  field: Field;
}

/** Every field present in a valid body, with its model. */
const targets = (f: Field, value: unknown, path: (string | number)[] = []): Target[] => {
  const own = path.length ? [{ path, field: f }] : [];
  if (f.kind === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
    return [...own, ...Object.entries(f.fields).flatMap(([k, sub]) => (k in (value as Json) ? targets(sub, (value as Json)[k], [...path, k]) : []))];
  }
  if (f.kind === 'array' && Array.isArray(value)) return [...own, ...value.flatMap((v, i) => targets(f.of, v, [...path, i]))];
  return own;
};

/** Closed objects of the body, where a field the model does not know must be refused. */
const closedObjects = (f: Field, value: unknown, path: (string | number)[] = []): (string | number)[][] => {
  if (f.kind === 'object' && !f.open && value && typeof value === 'object' && !Array.isArray(value)) {
    return [path, ...Object.entries(f.fields).flatMap(([k, sub]) => (k in (value as Json) ? closedObjects(sub, (value as Json)[k], [...path, k]) : []))];
  }
  if (f.kind === 'array' && Array.isArray(value)) return value.flatMap((v, i) => closedObjects(f.of, v, [...path, i]));
  return [];
};

const pathName = (path: (string | number)[]): string => path.join('.');

/**
 * Bodies that must be refused: a valid body with one field given a wrong type, an out-of-range or ill-formed value,
 * a huge string, deep nesting or Unicode that cannot be stored; a required field left out; a field nobody knows;
 * or no object at all.
 */
export const adversarialBody = (model: Field & { kind: 'object' }): fc.Arbitrary<Mutation> =>
  validOf(model).chain((valid) => {
    const body = valid as Json;
    const fields = targets(model, body);
    // Members of objects only: an array's element cannot be left out, only the array shortened.
    const required = fields.filter((t) => !t.field.optional && typeof t.path[t.path.length - 1] === 'string');
    const objects = closedObjects(model, body);
    const options: fc.Arbitrary<Mutation>[] = [];
    if (fields.length) {
      options.push(
        fc.constantFrom(...fields).chain((t) => invalidOf(t.field).map((v) => ({ body: setAt(body, t.path, v), field: pathName(t.path), how: `invalid ${t.field.kind}` }))),
      );
    }
    if (fields.length) {
      options.push(
        fc
          .tuple(fc.constantFrom(...fields), fc.integer({ min: 200, max: 5000 }), fc.constantFrom('array' as const, 'object' as const))
          .map(([t, depth, kind]) => ({ body: setAt(body, t.path, nested(depth, kind)), field: pathName(t.path), how: `nested ${depth} deep` })),
      );
    }
    if (required.length) options.push(fc.constantFrom(...required).map((t) => ({ body: setAt(body, t.path, undefined), field: pathName(t.path), how: 'required field left out' })));
    if (objects.length) {
      options.push(
        fc.tuple(fc.constantFrom(...objects), unknownFieldName, fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), deepNesting, fc.constant(null))).map(([at, name, v]) => {
          const copy = clone(body);
          const target = (at.length ? at.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], copy) : copy) as Json;
          Object.defineProperty(target, name, { value: v, enumerable: true, configurable: true, writable: true });
          return { body: copy, field: pathName([...at, name]), how: 'unknown field' };
        }),
      );
    }
    options.push(fc.constantFrom<Mutation>({ body: [], field: '', how: 'array body' }, { body: [body], field: '', how: 'array of bodies' }));
    if (model.fields && Object.values(model.fields).some((f) => !f.optional)) options.push(fc.constant<Mutation>({ body: {}, field: '', how: 'empty object' }));
    return fc.oneof(...options);
  });
