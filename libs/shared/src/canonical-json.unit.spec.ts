import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';

/** The definition: keys sorted at every level after a round trip through JSON. */
const reference = (value: unknown): string => {
  const encode = (v: unknown): string => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map(encode).join(',')}]`;
    const obj = v as Record<string, unknown>;
    return `{${Object.keys(obj)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${encode(obj[k])}`)
      .join(',')}}`;
  };
  return encode(JSON.parse(JSON.stringify(value ?? null)));
};

describe('canonicalJson', () => {
  it('given keys in any order, when encoded, then they are sorted at every level and whitespace is gone', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('given what JSON changes (dates, undefined, non-finite numbers, functions, integer-like keys), then the text is the round-tripped one', () => {
    const value = { at: new Date('2026-01-02T03:04:05.006Z'), gone: undefined, f: () => 1, n: Number.NaN, i: -Infinity, z: -0, list: [undefined, () => 1, 1], '10': 'ten', '9': 'nine', nested: { toJSON: () => ({ b: 2, a: 1 }) } };
    expect(canonicalJson(value)).toBe(reference(value));
    expect(canonicalJson(value)).toBe('{"10":"ten","9":"nine","at":"2026-01-02T03:04:05.006Z","i":null,"list":[null,null,1],"n":null,"nested":{"a":1,"b":2},"z":0}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson(null)).toBe('null');
  });

  it('given a BigInt, then it is refused as JSON refuses it', () => {
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });

  it('given any JSON value or object with dates and undefined members, then the text equals the definition', () => {
    const member = fc.oneof(fc.jsonValue(), fc.date({ noInvalidDate: true }), fc.constant(undefined), fc.string({ unit: 'binary' }));
    const value = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.string({ unit: 'binary' }), member),
      fc.array(fc.dictionary(fc.string(), member)),
      fc.anything({ withDate: true, withNullPrototype: true, withBoxedValues: true, withSparseArray: true }),
    );
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 2000, seed: 20261201 },
    );
  });
});
