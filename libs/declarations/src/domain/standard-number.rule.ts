/**
 * Standard numbers (标准编号) as domain.md §3 "Standard numbers" describes them: national, industry, local, group
 * and enterprise standards. Pure functions only: normalise first, then parse.
 */

/** The five kinds of standard an enterprise may execute (Standardization Law art. 2, domain.md §2–§3). */
export type StandardKind = 'national' | 'industry' | 'local' | 'group' | 'enterprise';

/** Every standard kind, in the order of the law (domain.md §3). */
export const STANDARD_KINDS: readonly StandardKind[] = Object.freeze(['national', 'industry', 'local', 'group', 'enterprise'] as StandardKind[]);

/** Mandatory (no suffix), recommended (`/T`), guidance (`/Z`); group and enterprise standards are voluntary (domain.md §3). */
export type StandardNature = 'mandatory' | 'recommended' | 'guidance' | 'voluntary';

/** A standard number taken apart. */
export interface ParsedStandardNumber {
  /** The canonical form, e.g. `GB/T 18801-2022`, `DB11/ 501-2017`, `T/PCA 004-2023`. */
  normalised: string;
  kind: StandardKind;
  /** Everything before the space: `GB`, `GB/T`, `FZ/T`, `DB/T`, `DB44/T`, `DB11/`, `T/XZYC`, `Q/YQJY`. */
  prefix: string;
  nature: StandardNature;
  /** The number with its parts, e.g. `4706.1`, `0055`. */
  number: string;
  /** The four-digit year after the dash. */
  year: number;
}

/** The years a standard number may carry (design choice: 1950–2100, domain.md §3 "year 4 digits"). */
export const STANDARD_YEAR_RANGE = Object.freeze({ min: 1950, max: 2100 });

const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/gu;
const FULL_WIDTH_OFFSET = 0xfee0;
/** Hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus sign, small and full-width hyphen-minus. */
const DASH_VARIANTS = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/gu;
const WHITESPACE_RUN = /\s+/gu;
const SPACES_AROUND_SLASH = / ?\/ ?/g;
const DASH_BEFORE_YEAR = / ?-+ ?(\d{4})$/;
const SPACES_AROUND_PART_DOT = /(\d) ?\. ?(?=\d)/g;

const NUMBER = String.raw`(\d+(?:\.\d+)*)`;
/** Enterprise standards are loose in practice: a trailing letter such as `0001S` is kept (design choice, domain.md §3). */
const ENTERPRISE_NUMBER = String.raw`(\d+(?:\.\d+)*[A-Z]?)`;
const YEAR = String.raw`(\d{4})`;

/** Local: `DB` + 2- or 4-digit division code + `/T` (recommended) or `/` (mandatory) (domain.md §3). */
const LOCAL = new RegExp(String.raw`^DB ?(\d{2}|\d{4})/(T?) ?${NUMBER}-${YEAR}$`);
/** The earthquake industry's own code is `DB`: `DB/T` + number, or `DB` and a space (domain.md §3 trap). */
const EARTHQUAKE_RECOMMENDED = new RegExp(String.raw`^DB/T ?${NUMBER}-${YEAR}$`);
const EARTHQUAKE_MANDATORY = new RegExp(String.raw`^DB ${NUMBER}-${YEAR}$`);
/** National: `GB`, `GB/T`, `GB/Z` (domain.md §3). */
const NATIONAL = new RegExp(String.raw`^GB(/[TZ])? ?${NUMBER}-${YEAR}$`);
/** Industry: two letters other than `GB` and `DB` + optional `/T` `/Z` (domain.md §3). */
const INDUSTRY = new RegExp(String.raw`^([A-Z]{2})(/[TZ])? ?${NUMBER}-${YEAR}$`);
/** Group: `T/` + association code of letters and digits (domain.md §3); without a space the code ends with a letter. */
const GROUP_SPACED = new RegExp(String.raw`^T/([A-Z0-9]+) ${NUMBER}-${YEAR}$`);
const GROUP_JOINED = new RegExp(String.raw`^T/([A-Z0-9]*[A-Z])${NUMBER}-${YEAR}$`);
/** Enterprise: `Q/` + enterprise code of letters, digits, `-` and `.` (domain.md §3); without a space the code ends with a letter. */
const ENTERPRISE_SPACED = new RegExp(String.raw`^Q/([A-Z0-9.\-]+) ${ENTERPRISE_NUMBER}-${YEAR}$`);
const ENTERPRISE_JOINED = new RegExp(String.raw`^Q/([A-Z0-9.\-]*[A-Z])${ENTERPRISE_NUMBER}-${YEAR}$`);

const toHalfWidth = (text: string): string =>
  text.replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET));

/**
 * Trim, full-width to half-width, one space for any run of blanks, dash variants to `-`, upper case,
 * no blanks around `/`, around the dash before the year or around a part dot (domain.md §3).
 */
const cleanStandardNumber = (raw: string): string =>
  toHalfWidth(raw)
    .replace(DASH_VARIANTS, '-')
    .replace(WHITESPACE_RUN, ' ')
    .trim()
    .toUpperCase()
    .replace(SPACES_AROUND_SLASH, '/')
    .replace(DASH_BEFORE_YEAR, '-$1')
    .replace(SPACES_AROUND_PART_DOT, '$1.');

interface Shape {
  kind: StandardKind;
  prefix: string;
  nature: StandardNature;
  number: string;
  year: string;
}

const suffixNature = (suffix: string | undefined): StandardNature =>
  suffix === '/T' ? 'recommended' : suffix === '/Z' ? 'guidance' : 'mandatory';

/** The shape of a cleaned number, or null; local is tried before the earthquake `DB` (domain.md §3 trap). */
const matchShape = (s: string): Shape | null => {
  let m = LOCAL.exec(s);
  if (m) {
    return { kind: 'local', prefix: `DB${m[1]}/${m[2]}`, nature: m[2] === 'T' ? 'recommended' : 'mandatory', number: m[3], year: m[4] };
  }
  m = EARTHQUAKE_RECOMMENDED.exec(s);
  if (m) return { kind: 'industry', prefix: 'DB/T', nature: 'recommended', number: m[1], year: m[2] };
  m = EARTHQUAKE_MANDATORY.exec(s);
  if (m) return { kind: 'industry', prefix: 'DB', nature: 'mandatory', number: m[1], year: m[2] };
  m = NATIONAL.exec(s);
  if (m) return { kind: 'national', prefix: `GB${m[1] ?? ''}`, nature: suffixNature(m[1]), number: m[2], year: m[3] };
  m = GROUP_SPACED.exec(s) ?? GROUP_JOINED.exec(s);
  if (m) return { kind: 'group', prefix: `T/${m[1]}`, nature: 'voluntary', number: m[2], year: m[3] };
  m = ENTERPRISE_SPACED.exec(s) ?? ENTERPRISE_JOINED.exec(s);
  if (m) return { kind: 'enterprise', prefix: `Q/${m[1]}`, nature: 'voluntary', number: m[2], year: m[3] };
  m = INDUSTRY.exec(s);
  if (m && m[1] !== 'GB' && m[1] !== 'DB') {
    return { kind: 'industry', prefix: `${m[1]}${m[2] ?? ''}`, nature: suffixNature(m[2]), number: m[3], year: m[4] };
  }
  return null;
};

const canonical = (shape: Shape): string => `${shape.prefix} ${shape.number}-${shape.year}`;

/**
 * The canonical spelling of a standard number: trimmed, half-width, upper case, `-` before the year, one space between
 * the prefix and the number (`GB/T 18801-2022`, `DB11/ 501-2017`, `T/XZYC 0055-2024`), the number's parts kept apart
 * (domain.md §3). Input of no known shape is only cleaned.
 */
export const normaliseStandardNumber = (raw: string): string => {
  if (typeof raw !== 'string') return '';
  const cleaned = cleanStandardNumber(raw);
  const shape = matchShape(cleaned);
  return shape === null ? cleaned : canonical(shape);
};

/** Takes a standard number apart after normalising it; null when it has no known shape or an implausible year (domain.md §3). */
export const parseStandardNumber = (raw: string): ParsedStandardNumber | null => {
  if (typeof raw !== 'string') return null;
  const shape = matchShape(cleanStandardNumber(raw));
  if (shape === null) return null;
  const year = Number(shape.year);
  if (year < STANDARD_YEAR_RANGE.min || year > STANDARD_YEAR_RANGE.max) return null;
  return { normalised: canonical(shape), kind: shape.kind, prefix: shape.prefix, nature: shape.nature, number: shape.number, year };
};

/** The number parses as a standard of the declared kind: `DB/T 1234-2013` is industry, `DB44/T 1234-2013` local (domain.md §3). */
export const standardNumberFitsKind = (raw: string, kind: StandardKind): boolean => parseStandardNumber(raw)?.kind === kind;

/** A standard is declared mandatory exactly when its number says so (Standardization Law art. 2, domain.md §3). */
export const standardNatureMatchesMandatory = (parsed: ParsedStandardNumber, mandatory: boolean): boolean =>
  (parsed.nature === 'mandatory') === mandatory;
