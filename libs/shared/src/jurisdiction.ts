import { ValidationError } from './domain-error.js';

const DIVISION_CODE = /^\d{6}$/;

/** A GB/T 2260 administrative division code has six digits (domain.md §1). */
export const isDivisionCode = (code: string): boolean => DIVISION_CODE.test(code);

/**
 * The prefix a division code stands for: `440000` → `44`, `440100` → `4401`, `440106` → `440106`;
 * `000000` (national) → `` and covers everything (domain.md §1).
 */
export const jurisdictionPrefix = (code: string): string => {
  if (!isDivisionCode(code)) {
    throw new ValidationError([{ field: 'jurisdiction', rule: 'division_code', message: 'must be a six-digit GB/T 2260 division code' }]);
  }
  if (code === '000000') return '';
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
};

/** A user acts only inside its jurisdiction: `440000` covers every `44xxxx` (domain.md §1). */
export const jurisdictionCovers = (userJurisdiction: string, target: string): boolean =>
  isDivisionCode(target) && target.startsWith(jurisdictionPrefix(userJurisdiction));
