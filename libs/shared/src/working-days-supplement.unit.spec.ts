import { describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import {
  CalendarRangeError,
  CalendarSupplementError,
  WORKING_DAY_CALENDAR_RANGE,
  addWorkingDays,
  extendWorkingDayCalendar,
  isWorkingDay,
} from './working-days.js';

/**
 * A made-up arrangement for 2027, shaped like a State Council notice (New Year's Day off, one weekend
 * day worked); test data only, not the published calendar.
 */
const HYPOTHETICAL_2027 = {
  holidays: { '2027-01-01': '元旦', '2027-01-02': '元旦', '2027-01-03': '元旦', '2027-02-08': '春节' },
  workdays: { '2027-02-06': '春节' },
};

const official = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
const yearOf = (table: Record<string, string>, year: string): Record<string, string> =>
  Object.fromEntries(Object.entries(table).filter(([d]) => d.startsWith(`${year}-`)));

const refused = (supplement: unknown, defect: RegExp): void => {
  expect(() => extendWorkingDayCalendar(supplement, 'test.json')).toThrow(CalendarSupplementError);
  expect(() => extendWorkingDayCalendar(supplement, 'test.json')).toThrow(defect);
};

describe('extending the working-day calendar with a supplement (domain.md §9)', () => {
  it('refuses supplements that are not whole, later, well-formed years, and changes nothing', () => {
    refused({ holidays: [], workdays: {} }, /"holidays" must be an object/);
    refused({ holidays: { '2027-13-01': 'x' }, workdays: {} }, /not a calendar date/);
    refused({ holidays: { '2028-01-01': '元旦' }, workdays: {} }, /2027 is missing/);
    refused({ holidays: { '2027-02-08': '春节' }, workdays: {} }, /does not list 2027-01-01/);
    refused({ holidays: { '2027-01-01': '元旦' }, workdays: { '2027-02-08': '春节' } }, /not a Saturday or Sunday/);
    refused({ holidays: { '2027-01-01': '元旦', '2027-02-06': 'x' }, workdays: { '2027-02-06': 'x' } }, /both a holiday and a make-up working day/);
    refused({ holidays: { '2026-01-01': '元旦', '2027-01-01': '元旦' }, workdays: {} }, /2026 is already covered/);
    expect(WORKING_DAY_CALENDAR_RANGE.last).toBe('2026-12-31');
    expect(() => addWorkingDays('2026-12-30', 5)).toThrow(CalendarRangeError);
  });

  it('given a year after the range, when it is added, then deadlines run into it with its holidays and make-up days', () => {
    expect(extendWorkingDayCalendar({ ...HYPOTHETICAL_2027, holidays: { ...HYPOTHETICAL_2027.holidays, ...yearOf(official.holidays, '2026') }, workdays: { ...HYPOTHETICAL_2027.workdays, ...yearOf(official.workdays, '2026') } }, 'test.json')).toEqual([2027]);
    expect(WORKING_DAY_CALENDAR_RANGE).toEqual({ first: '2004-01-01', last: '2027-12-31' });
    // 2026-12-31 is a Thursday; 1–3 January 2027 are off in the supplement: the next working days are 4 and 5 January.
    expect(addWorkingDays('2026-12-31', 2)).toBe('2027-01-05');
    expect(isWorkingDay('2027-02-06')).toBe(true);
    expect(isWorkingDay('2027-02-08')).toBe(false);
    expect(() => isWorkingDay('2028-01-04')).toThrow(CalendarRangeError);
  });

  it('given the year was added, when the same supplement is applied again, then nothing changes; a different one is refused', () => {
    expect(extendWorkingDayCalendar(HYPOTHETICAL_2027, 'test.json')).toEqual([]);
    refused({ holidays: { ...HYPOTHETICAL_2027.holidays, '2027-02-09': '春节' }, workdays: HYPOTHETICAL_2027.workdays }, /2027 is already covered/);
    expect(WORKING_DAY_CALENDAR_RANGE.last).toBe('2027-12-31');
  });
});
