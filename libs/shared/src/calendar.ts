/** China keeps one time zone, UTC+8 without daylight saving; calendar dates are China dates (design choice). */
export const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WHITESPACE_RUN = /\s+/gu;

/** Free text is stored trimmed with inner runs of whitespace collapsed to one space (design choice). */
export const normaliseText = (text: string): string => text.replace(WHITESPACE_RUN, ' ').trim();

/** Lengths count one per code point, so CJK extension characters count once (design choice). */
export const textLength = (text: string): number => [...text].length;

/** A real Gregorian calendar date written YYYY-MM-DD, leap years included (design choice, ISO 8601 calendar date). */
export const isCalendarDate = (value: string): boolean => {
  const m = typeof value === 'string' ? DATE_SHAPE.exec(value) : null;
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
};

/** The China-time (UTC+8) calendar date of an instant, or null when `now` is not a parseable time (design choice). */
export const chinaDate = (now: string): string | null => {
  const ms = typeof now === 'string' ? Date.parse(now) : Number.NaN;
  if (Number.isNaN(ms)) return null;
  return new Date(ms + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
};

const dateMs = (date: string): number => {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
};

/** Calendar days from `from` to `to`, both YYYY-MM-DD (negative when `to` is earlier) (design choice: calendar days). */
export const daysBetween = (from: string, to: string): number => Math.round((dateMs(to) - dateMs(from)) / DAY_MS);

/** The calendar date `days` days after `date` (design choice: calendar days). */
export const addDays = (date: string, days: number): string => new Date(dateMs(date) + days * DAY_MS).toISOString().slice(0, 10);

/** The same day of the month `months` calendar months later, clamped to that month's last day (08-31 + 6 → 02-28 or 02-29). */
export const addMonths = (date: string, months: number): string => {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(Math.min(d, lastDay), 2)}`;
};
