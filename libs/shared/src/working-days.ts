/**
 * Statutory deadlines in working days on China's official calendar (domain.md §9): weekends off,
 * statutory holidays off, make-up working days (调休) on, as published by the State Council and shipped
 * in the `chinese-days` package. A date the package has no published arrangement for is refused with a
 * CalendarRangeError, never guessed.
 *
 * The package's functions are not used: they build their holiday table by parsing `YYYY-M-D` as UTC
 * midnight and reading it back with local-time getters, so in a process west of UTC every holiday and
 * make-up day moves one day earlier. Its published data file (dist/chinese-days.json) is read instead,
 * and weekdays are taken in UTC, so the answers do not depend on the process time zone.
 */
import { createRequire } from 'node:module';
import { addDays, isCalendarDate } from './calendar.js';
import { DomainError, ValidationError } from './domain-error.js';

export interface WorkingDayPause {
  /** First paused date, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last paused date, inclusive (YYYY-MM-DD). */
  to: string;
}

interface OfficialCalendar {
  /** Statutory holiday dates, including the days moved by 调休. */
  holidays: Record<string, string>;
  /** Make-up working days (调休上班), weekends worked. */
  workdays: Record<string, string>;
}

/** The State Council calendar as chinese-days publishes it: `{ holidays, workdays, inLieuDays }` keyed by YYYY-MM-DD (chinese-days README). */
const loadOfficialCalendar = (): OfficialCalendar => {
  const data: unknown = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json');
  const isDateTable = (table: unknown): table is Record<string, string> =>
    typeof table === 'object' && table !== null && Object.keys(table).every(isCalendarDate);
  const { holidays, workdays } = (data ?? {}) as Record<string, unknown>;
  if (!isDateTable(holidays) || !isDateTable(workdays)) throw new Error('chinese-days/dist/chinese-days.json has no holiday and workday tables');
  return { holidays, workdays };
};

const CALENDAR = loadOfficialCalendar();

/** 1 January (元旦) is a statutory holiday every year, so a year is published when the data lists it as one (全国年节及纪念日放假办法 art. 2). */
const publishesYear = (year: number): boolean => Object.hasOwn(CALENDAR.holidays, `${year}-01-01`);

/** The unbroken run of years, from the earliest, whose State Council arrangement the package's data holds (domain.md §9). */
const publishedYears = (): { first: number; last: number } => {
  const years = Object.keys(CALENDAR.holidays)
    .map((date) => Number(date.slice(0, 4)))
    .filter(publishesYear);
  if (years.length === 0) throw new Error('chinese-days lists no State Council holiday arrangement');
  const first = Math.min(...years);
  let last = first;
  while (publishesYear(last + 1)) last += 1;
  return { first, last };
};

const YEARS = publishedYears();

const range = { first: `${YEARS.first}-01-01`, last: `${YEARS.last}-12-31` };

/**
 * First and last dates the official State Council data covers: 1 Jan of the package's first published
 * year to 31 Dec of its last, or of the last year a calendar supplement added (domain.md §9).
 */
export const WORKING_DAY_CALENDAR_RANGE: { readonly first: string; readonly last: string } = range;

/** The State Council arrangement of whole years, in the package's format: dates YYYY-MM-DD → names. */
export interface WorkingDayCalendarSupplement {
  /** Statutory holiday dates, including the days moved by 调休. */
  holidays: Record<string, string>;
  /** Make-up working days (调休上班): Saturdays or Sundays that are worked. */
  workdays: Record<string, string>;
}

/** A calendar supplement that cannot be used; names the source and the defect. */
export class CalendarSupplementError extends Error {
  constructor(source: string, defect: string) {
    super(`working-day calendar supplement ${source}: ${defect}`);
    this.name = 'CalendarSupplementError';
  }
}

const entriesOfYear = (table: Record<string, string>, year: number): string[] =>
  Object.keys(table)
    .filter((date) => date.startsWith(`${year}-`))
    .sort();

const isWeekend = (date: string): boolean => {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday === 0 || weekday === 6;
};

/**
 * Adds the State Council arrangement of whole years after the calendar's last one, as published (usually
 * each November for the next year) before the package ships it; an operator supplies it (domain.md §9).
 * Each year must list 1 January as a holiday (全国年节及纪念日放假办法 art. 2), the years must follow the
 * covered range without a gap, make-up working days must be weekend days, and a year the calendar
 * already covers must be given exactly as it stands (so a supplement can be applied again, never rewrite
 * history). Returns the years added.
 */
export const extendWorkingDayCalendar = (supplement: unknown, source: string): number[] => {
  const fail = (defect: string): never => {
    throw new CalendarSupplementError(source, defect);
  };
  const s = (supplement ?? {}) as Record<string, unknown>;
  const tables: WorkingDayCalendarSupplement = { holidays: {}, workdays: {} };
  for (const name of ['holidays', 'workdays'] as const) {
    const table = s[name];
    if (typeof table !== 'object' || table === null || Array.isArray(table)) return fail(`"${name}" must be an object of YYYY-MM-DD dates to names`);
    for (const [date, label] of Object.entries(table as Record<string, unknown>)) {
      if (!isCalendarDate(date)) fail(`"${name}" has ${JSON.stringify(date)}, not a calendar date YYYY-MM-DD`);
      if (typeof label !== 'string') fail(`"${name}" gives ${date} a name that is not text`);
      tables[name][date] = label as string;
    }
  }
  for (const date of Object.keys(tables.workdays)) {
    if (Object.hasOwn(tables.holidays, date)) fail(`${date} is both a holiday and a make-up working day`);
    if (!isWeekend(date)) fail(`make-up working day ${date} is not a Saturday or Sunday`);
  }
  const years = [...new Set([...Object.keys(tables.holidays), ...Object.keys(tables.workdays)].map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  const covered = Number(range.last.slice(0, 4));
  const same = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
  for (const year of years.filter((y) => y <= covered)) {
    if (year < YEARS.first) fail(`${year} is before the calendar's first year ${YEARS.first}`);
    for (const name of ['holidays', 'workdays'] as const) {
      if (!same(entriesOfYear(tables[name], year), entriesOfYear(CALENDAR[name], year))) {
        fail(`${year} is already covered and its ${name} differ from the official data; a supplement may only add later years`);
      }
    }
  }
  const added = years.filter((y) => y > covered);
  added.forEach((year, i) => {
    if (year !== covered + 1 + i) fail(`years must follow ${covered} without a gap, but ${covered + 1 + i} is missing`);
    if (!Object.hasOwn(tables.holidays, `${year}-01-01`)) fail(`${year} does not list ${year}-01-01 as a holiday: not a whole published year`);
  });
  for (const year of added) {
    for (const name of ['holidays', 'workdays'] as const) {
      for (const date of entriesOfYear(tables[name], year)) CALENDAR[name][date] = tables[name][date];
    }
  }
  if (added.length > 0) range.last = `${added.at(-1)}-12-31`;
  return added;
};

/** A date outside the official calendar: the engine fails loudly rather than guess a working day (domain.md §9). */
export class CalendarRangeError extends DomainError {
  constructor(readonly date: string) {
    const { first, last } = WORKING_DAY_CALENDAR_RANGE;
    super(
      'CALENDAR.OUT_OF_RANGE',
      'rule',
      `${date} is outside the official working-day calendar, which covers ${first} to ${last}`,
      { date, first, last },
    );
    this.name = 'CalendarRangeError';
  }
}

const requireCalendarDate = (field: string, value: string): void => {
  if (!isCalendarDate(value)) {
    throw new ValidationError([{ field, rule: 'calendar_date', message: 'must be a calendar date YYYY-MM-DD' }]);
  }
};

const requireCount = (n: number): void => {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new ValidationError([{ field: 'n', rule: 'non_negative_integer', message: 'must be a whole number of working days, 0 or more' }]);
  }
};

const requireInRange = (date: string): void => {
  if (date < WORKING_DAY_CALENDAR_RANGE.first || date > WORKING_DAY_CALENDAR_RANGE.last) throw new CalendarRangeError(date);
};

/** Make-up working days are worked, statutory holidays are not, otherwise Monday to Friday; the caller has checked the range (domain.md §9). */
const isWorkingDayInRange = (date: string): boolean => {
  if (Object.hasOwn(CALENDAR.workdays, date)) return true;
  if (Object.hasOwn(CALENDAR.holidays, date)) return false;
  const [year, month, day] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

/** Weekends off, statutory holidays off, make-up working days (调休) on, per the State Council calendar (domain.md §9). */
export const isWorkingDay = (date: string): boolean => {
  requireCalendarDate('date', date);
  requireInRange(date);
  return isWorkingDayInRange(date);
};

/** Pause periods sorted and merged where they overlap or touch, so each paused day is skipped once (domain.md §6 art. 20). */
const mergePauses = (pauses: readonly WorkingDayPause[]): WorkingDayPause[] => {
  pauses.forEach((pause, i) => {
    requireCalendarDate(`pauses[${i}].from`, pause.from);
    requireCalendarDate(`pauses[${i}].to`, pause.to);
    if (pause.from > pause.to) {
      throw new ValidationError([{ field: `pauses[${i}]`, rule: 'date_order', message: 'from must not be after to' }]);
    }
  });
  const sorted = [...pauses].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: WorkingDayPause[] = [];
  for (const pause of sorted) {
    const previous = merged.at(-1);
    if (previous && pause.from <= addDays(previous.to, 1)) {
      if (pause.to > previous.to) previous.to = pause.to;
    } else {
      merged.push({ from: pause.from, to: pause.to });
    }
  }
  return merged;
};

/** The date of the n-th counted working day after `start`, stepping one calendar day at a time (domain.md §6, §9). */
const countForward = (start: string, n: number, pauses: readonly WorkingDayPause[]): string => {
  requireCalendarDate('start', start);
  requireCount(n);
  requireInRange(start);
  let day = start;
  let remaining = n;
  let next = 0;
  while (remaining > 0) {
    day = addDays(day, 1);
    requireInRange(day);
    while (next < pauses.length && pauses[next].to < day) next += 1;
    const paused = next < pauses.length && pauses[next].from <= day;
    if (!paused && isWorkingDayInRange(day)) remaining -= 1;
  }
  return day;
};

/** "Within N working days of receipt" ends on the N-th working day after receipt, which itself never counts; n = 0 gives `start` (domain.md §6, §9). */
export const addWorkingDays = (start: string, n: number): string => countForward(start, n, []);

/** Working days in (from, to]: `from` excluded, `to` included; negative when `to` is earlier (domain.md §6, §9). */
export const workingDaysBetween = (from: string, to: string): number => {
  requireCalendarDate('from', from);
  requireCalendarDate('to', to);
  requireInRange(from);
  requireInRange(to);
  if (to < from) return -workingDaysBetween(to, from);
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (isWorkingDayInRange(day)) count += 1;
  }
  return count;
};

/** Like addWorkingDays, but days inside the pause periods (inclusive dates, e.g. testing time) do not count (domain.md §6 art. 20). */
export const addWorkingDaysWithPauses = (start: string, n: number, pauses: readonly WorkingDayPause[]): string =>
  countForward(start, n, mergePauses(pauses));

/** Calendar-day counterpart of addWorkingDays, for deadlines set in calendar days (domain.md §5, §7). */
export const addCalendarDays = (start: string, n: number): string => addDays(start, n);
