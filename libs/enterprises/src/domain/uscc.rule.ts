/**
 * The unified social credit code (统一社会信用代码) as GB 32100-2015 defines it (domain.md §4).
 * Pure functions only: normalise input with `normaliseUscc` before validating it.
 */

/** The 31 code characters, values 0–30 in this order; no I, O, S, V, Z (GB 32100-2015, domain.md §4). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A USCC has 18 characters (GB 32100-2015, domain.md §4). */
export const USCC_LENGTH = 18;

/** Weights of positions 1–17, 3^(i−1) mod 31 (GB 32100-2015, domain.md §4). */
export const USCC_WEIGHTS: readonly number[] = Object.freeze([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);

const FIRST_17_SHAPE = new RegExp(`^[${USCC_ALPHABET}]{${USCC_LENGTH - 1}}$`);

/** Input is compared in its canonical form: surrounding blanks removed, letters upper-case (design choice). */
export const normaliseUscc = (code: string): string => code.trim().toUpperCase();

/**
 * Check = 31 − (Σ value×weight mod 31), 31 becomes 0 (GB 32100-2015, domain.md §4).
 * Throws a RangeError when `first17` is not 17 characters of the alphabet: check the format first.
 */
export const usccCheckCharacter = (first17: string): string => {
  if (!FIRST_17_SHAPE.test(first17)) {
    throw new RangeError(`usccCheckCharacter expects 17 characters of ${USCC_ALPHABET}`);
  }
  let sum = 0;
  for (let i = 0; i < first17.length; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  const check = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[check];
};

/** Why a code is not a valid USCC: its shape, or its check character (GB 32100-2015, domain.md §4). */
export type UsccDefect = 'uscc_format' | 'uscc_check_character';

/**
 * 18 characters: 17 of the alphabet, then the right check character (GB 32100-2015, domain.md §4). `null` when valid.
 * A well-formed first 17 with any other 18th character (`…Y4Z`) is a wrong check character, not a format error.
 */
export const usccDefect = (code: string): UsccDefect | null => {
  if (typeof code !== 'string' || code.length !== USCC_LENGTH) return 'uscc_format';
  const first17 = code.slice(0, USCC_LENGTH - 1);
  if (!FIRST_17_SHAPE.test(first17)) return 'uscc_format';
  return usccCheckCharacter(first17) === code[USCC_LENGTH - 1] ? null : 'uscc_check_character';
};

/** A valid USCC in canonical form: 18 characters of the alphabet and the right check character (GB 32100-2015, domain.md §4). */
export const isValidUscc = (code: string): boolean => usccDefect(code) === null;

/**
 * Positions 3–8: the administrative division code of the registering place (GB 32100-2015, domain.md §4).
 * It need not equal the enterprise's current jurisdiction: enterprises move. Throws a RangeError for an invalid USCC.
 */
export const usccDivisionCode = (uscc: string): string => {
  const code = normaliseUscc(uscc);
  if (!isValidUscc(code)) throw new RangeError('usccDivisionCode expects a valid USCC');
  return code.slice(2, 8);
};
