import { describe, expect, it } from '@jest/globals';
import type { FieldError } from './domain-error.js';
import { ValidationError } from './domain-error.js';
import {
  checkBoolean,
  checkCommandDate,
  checkDate,
  checkDivisionCode,
  checkInteger,
  checkOneOf,
  checkOptionalDate,
  checkOptionalText,
  checkText,
  isStorableText,
  throwIfFieldErrors,
} from './field-checks.js';

/** Runs one check and returns its value with the failures it pushed. */
const run = <T>(check: (errors: FieldError[]) => T): { value: T; rules: string[] } => {
  const errors: FieldError[] = [];
  const value = check(errors);
  return { value, rules: errors.map((e) => `${e.field}:${e.rule}`) };
};

describe('field checks', () => {
  it('text: normalised, required, typed and bounded in code points', () => {
    expect(run((e) => checkText('name', '  a \n b ', 10, e))).toEqual({ value: 'a b', rules: [] });
    expect(run((e) => checkText('name', undefined, 10, e)).rules).toEqual(['name:required']);
    expect(run((e) => checkText('name', '   ', 10, e)).rules).toEqual(['name:required']);
    expect(run((e) => checkText('name', 5, 10, e)).rules).toEqual(['name:type']);
    expect(run((e) => checkText('name', '𠀀𠀀', 2, e)).rules).toEqual([]);
    expect(run((e) => checkText('name', '𠀀𠀀𠀀', 2, e)).rules).toEqual(['name:max_length']);
  });

  it('text the log cannot store (NUL, an unpaired surrogate) is refused by every string check, never altered; paired surrogates, joiners and marks are text', () => {
    for (const bad of ['a\u0000b', '\uD800', 'x\uDFFFy', '\uDBFF\uDBFF', '名\uDC00', '😀\uD83D']) {
      expect(isStorableText(bad)).toBe(false);
      expect(run((e) => checkText('reason', bad, 100, e)).rules).toEqual(['reason:characters']);
      expect(run((e) => checkOptionalText('note', bad, 100, e)).rules).toEqual(['note:characters']);
      expect(run((e) => checkDate('on', bad, e)).rules).toEqual(['on:characters']);
      expect(run((e) => checkDivisionCode('jurisdiction', bad, e)).rules).toEqual(['jurisdiction:characters']);
    }
    for (const good of ['𠀀𪚥', '👩‍👩‍👧‍👦', '\u202Eevil\u202C', 'e\u0301', '１２３', "'; drop table es_events; --"]) {
      expect(isStorableText(good)).toBe(true);
      expect(run((e) => checkText('reason', good, 100, e)).rules).toEqual([]);
    }
  });

  it('optional text: absent, null and blank are null; a wrong type is refused', () => {
    expect(run((e) => checkOptionalText('note', null, 5, e)).value).toBeNull();
    expect(run((e) => checkOptionalText('note', ' ', 5, e)).value).toBeNull();
    expect(run((e) => checkOptionalText('note', ['x'], 5, e)).rules).toEqual(['note:type']);
    expect(run((e) => checkOptionalText('note', 'abcdef', 5, e)).rules).toEqual(['note:max_length']);
  });

  it('dates: only real calendar dates', () => {
    expect(run((e) => checkDate('on', '2026-02-28', e))).toEqual({ value: '2026-02-28', rules: [] });
    expect(run((e) => checkDate('on', '2026-02-29', e)).rules).toEqual(['on:date']);
    expect(run((e) => checkDate('on', undefined, e)).rules).toEqual(['on:required']);
    expect(run((e) => checkOptionalDate('on', null, e))).toEqual({ value: null, rules: [] });
  });

  it('closed lists, booleans, integers and division codes', () => {
    expect(run((e) => checkOneOf('kind', 'x', ['a', 'b'], e)).rules).toEqual(['kind:one_of']);
    expect(run((e) => checkBoolean('flag', 'true', e)).rules).toEqual(['flag:type']);
    expect(run((e) => checkBoolean('flag', undefined, e)).rules).toEqual(['flag:required']);
    expect(run((e) => checkInteger('n', 2.5, 0, 9, e)).rules).toEqual(['n:integer_range']);
    expect(run((e) => checkInteger('n', 9, 0, 9, e))).toEqual({ value: 9, rules: [] });
    expect(run((e) => checkDivisionCode('jurisdiction', '44010', e)).rules).toEqual(['jurisdiction:division_code']);
    expect(run((e) => checkDivisionCode('jurisdiction', ' 440100 ', e))).toEqual({ value: '440100', rules: [] });
  });

  it('the command date is the China date of the clock', () => {
    expect(run((e) => checkCommandDate('2026-09-30T16:30:00Z', e)).value).toBe('2026-10-01');
    expect(run((e) => checkCommandDate('yesterday', e)).rules).toEqual(['metadata.now:datetime']);
  });

  it('collected failures are thrown at once under the given code', () => {
    expect(() => throwIfFieldErrors([], 'X.VALIDATION_FAILED')).not.toThrow();
    const errors: FieldError[] = [];
    checkText('a', null, 3, errors);
    checkDate('b', 'no', errors);
    expect(() => throwIfFieldErrors(errors, 'X.VALIDATION_FAILED')).toThrow(ValidationError);
    try {
      throwIfFieldErrors(errors, 'X.VALIDATION_FAILED');
    } catch (e) {
      expect((e as ValidationError).code).toBe('X.VALIDATION_FAILED');
      expect((e as ValidationError).errors.map((f) => f.field)).toEqual(['a', 'b']);
    }
  });
});
