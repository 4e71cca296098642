import { describe, expect, it } from '@jest/globals';
import {
  USCC_ALPHABET,
  USCC_WEIGHTS,
  isValidUscc,
  normaliseUscc,
  usccCheckCharacter,
  usccDefect,
  usccDivisionCode,
} from './uscc.rule.js';

describe('USCC (GB 32100-2015)', () => {
  it('uses the 31-character alphabet without I, O, S, V, Z', () => {
    expect(USCC_ALPHABET).toHaveLength(31);
    expect(new Set(USCC_ALPHABET).size).toBe(31);
    for (const letter of 'IOSVZ') expect(USCC_ALPHABET).not.toContain(letter);
  });

  it('weights position i with 3^(i-1) mod 31', () => {
    expect(USCC_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => Number(3n ** BigInt(i) % 31n)));
  });

  it.each([
    ['91440300192203821', '6'],
    ['91350100M000100Y4', '3'],
    ['91440106MA5D0000X', '8'],
    ['92440106MA5CXXXX1', 'G'],
  ])('computes the check character of %s as %s', (first17, check) => {
    expect(usccCheckCharacter(first17)).toBe(check);
  });

  it('turns a check value of 31 into 0', () => {
    expect(usccCheckCharacter('9144010607000000W')).toBe('0');
    expect(isValidUscc('9144010607000000W0')).toBe(true);
  });

  it('refuses to compute a check character for a malformed prefix', () => {
    expect(() => usccCheckCharacter('9144030019220382')).toThrow(RangeError);
    expect(() => usccCheckCharacter('9144030019220382I')).toThrow(RangeError);
  });

  it.each(['914403001922038216', '91350100M000100Y43', '9144010607000000W0'])('accepts %s', (code) => {
    expect(isValidUscc(code)).toBe(true);
    expect(usccDefect(code)).toBeNull();
  });

  it('rejects a wrong check character', () => {
    expect(isValidUscc('91350100M000100Y4Z')).toBe(false);
    expect(usccDefect('91350100M000100Y4Z')).toBe('uscc_check_character');
    expect(isValidUscc('914403001922038217')).toBe(false);
    expect(usccDefect('914403001922038217')).toBe('uscc_check_character');
    expect(usccDefect('91350100M000100Y44')).toBe('uscc_check_character');
  });

  it.each(['', '91440300192203821', '9144030019220382160', '91350100M000100Y4'])('rejects the wrong length %j', (code) => {
    expect(isValidUscc(code)).toBe(false);
    expect(usccDefect(code)).toBe('uscc_format');
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects the letter %s anywhere', (letter) => {
    expect(isValidUscc(`91350100M000100${letter}43`)).toBe(false);
    expect(usccDefect(`91350100M000100${letter}43`)).toBe('uscc_format');
    expect(isValidUscc(`${letter}1350100M000100Y43`)).toBe(false);
    expect(isValidUscc(`91350100M000100Y4${letter}`)).toBe(false);
  });

  it('rejects lower case and blanks until normalised', () => {
    expect(isValidUscc('91350100m000100y43')).toBe(false);
    expect(isValidUscc(' 914403001922038216 ')).toBe(false);
    expect(normaliseUscc(' 91350100m000100y43\t')).toBe('91350100M000100Y43');
    expect(isValidUscc(normaliseUscc(' 91350100m000100y43\t'))).toBe(true);
  });

  it('reads the division code from positions 3-8', () => {
    expect(usccDivisionCode('914403001922038216')).toBe('440300');
    expect(usccDivisionCode('91350100m000100y43')).toBe('350100');
    expect(() => usccDivisionCode('91350100M000100Y4Z')).toThrow(RangeError);
  });
});
