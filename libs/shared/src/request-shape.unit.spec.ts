import { describe, expect, it } from '@jest/globals';
import { REQUEST_MAX_DEPTH, requestShapeErrors } from './request-shape.js';

const rules = (value: unknown, root?: string): string[] => requestShapeErrors(value, root).map((e) => `${e.field}:${e.rule}`);
const nest = (depth: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

describe('the shape of a request', () => {
  it('given text the log cannot store anywhere (values, member names, deep inside), when checked, then each place is named in document order', () => {
    const body = { reason: 'ok', content: { products: [{ name: 'a\u0000' }, { name: 'fine', model: '\uD800' }] }, ['k\u0000']: 1, deep: [[['x\uDC00']]] };
    expect(rules(body)).toEqual(['content.products.0.name:characters', 'content.products.1.model:characters', 'k\u0000:characters', 'deep.0.0.0:characters']);
    expect(rules('a\u0000', 'id')).toEqual(['id:characters']);
  });

  it('given member names of the object machinery (__proto__, constructor, toString, prototype) at any level, when checked, then each is an unknown field', () => {
    const body = JSON.parse('{"__proto__": {"x": 1}, "a": {"constructor": 1, "b": [{"toString": 2}]}, "prototype": 3, "name": "ok"}');
    expect(rules(body)).toEqual(['__proto__:unknown_field', 'a.constructor:unknown_field', 'a.b.0.toString:unknown_field', 'prototype:unknown_field']);
  });

  it(`given nesting deeper than ${REQUEST_MAX_DEPTH} levels, when checked, then the place is named once and nothing deeper is walked; ${REQUEST_MAX_DEPTH} levels pass`, () => {
    expect(rules({ a: nest(REQUEST_MAX_DEPTH - 1) })).toEqual([]);
    expect(rules({ a: nest(REQUEST_MAX_DEPTH) })).toEqual([`a${'.0'.repeat(REQUEST_MAX_DEPTH - 1)}:max_depth`]);
    expect(rules(JSON.parse(`${'['.repeat(100_000)}"\\u0000"${']'.repeat(100_000)}`))).toEqual([`${Array(REQUEST_MAX_DEPTH).fill('0').join('.')}:max_depth`]);
  });

  it('given well-formed text of every kind, when checked, then nothing is wrong', () => {
    expect(rules({ name: '👩‍👩‍👧‍👦 𠀀 \u202Eevil\u202C e\u0301', list: ["'; drop table es_events; --", '<script>alert(1)</script>'], n: 1, b: null })).toEqual([]);
  });
});
