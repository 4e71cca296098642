/**
 * The shape every request must have before any model reads it: text the log can store, member names that are
 * fields (not the names of JavaScript's object machinery), and a bounded depth. Checked on the request as parsed,
 * before validation copies it into request models: a copy skips `__proto__`, `constructor` and the like silently
 * and recurses once per level.
 */
import type { FieldError } from './domain-error.js';
import { STORABLE_MESSAGE, isStorableText } from './field-checks.js';

/** Deepest nesting a request may have; the deepest request model is 4 levels (design choice: ample room, bounded work). */
export const REQUEST_MAX_DEPTH = 32;

/** Names no request field has: they reach a model's prototype instead of a field. */
const isObjectMachinery = (name: string): boolean => name === '__proto__' || name === 'prototype' || name in Object.prototype;

/**
 * What is wrong with a parsed request part (a body, the path parameters, the query), as field errors naming each
 * place (`content.products.0.name`); `root` prefixes the names. Empty when the shape is fine.
 */
export const requestShapeErrors = (value: unknown, root = ''): FieldError[] => {
  const errors: FieldError[] = [];
  // Depth first in document order, without recursion: a body may nest as deep as its size allows.
  const stack: { value: unknown; path: string; depth: number; key?: string }[] = [{ value, path: root, depth: 0 }];
  while (stack.length) {
    const { value: v, path, depth, key } = stack.pop()!;
    if (key !== undefined && !isStorableText(key)) {
      errors.push({ field: path, rule: 'characters', message: `field names ${STORABLE_MESSAGE}` });
      continue;
    }
    if (key !== undefined && isObjectMachinery(key)) {
      errors.push({ field: path, rule: 'unknown_field', message: `${path} is not a known field` });
      continue;
    }
    if (typeof v === 'string') {
      if (!isStorableText(v)) errors.push({ field: path || 'body', rule: 'characters', message: STORABLE_MESSAGE });
    } else if (v !== null && typeof v === 'object') {
      if (depth >= REQUEST_MAX_DEPTH) {
        errors.push({ field: path || 'body', rule: 'max_depth', message: `nests deeper than ${REQUEST_MAX_DEPTH} levels` });
        continue;
      }
      const entries = Array.isArray(v) ? v.map((item, i) => [String(i), item] as const) : Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, item] = entries[i];
        stack.push({ value: item, path: path ? `${path}.${k}` : k, depth: depth + 1, key: Array.isArray(v) ? undefined : k });
      }
    }
  }
  return errors;
};
