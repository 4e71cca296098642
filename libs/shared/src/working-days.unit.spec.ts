import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { addDays } from './calendar.js';
import { DomainError, ValidationError } from './domain-error.js';
import {
  addCalendarDays,
  addWorkingDays,
  addWorkingDaysWithPauses,
  CalendarRangeError,
  isWorkingDay,
  WORKING_DAY_CALENDAR_RANGE,
  workingDaysBetween,
} from './working-days.js';

interface ShippedCalendar {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}

/** The data file chinese-days publishes next to its code, read independently of the module under test. */
const shipped = (): ShippedCalendar =>
  JSON.parse(readFileSync(createRequire(import.meta.url).resolve('chinese-days/dist/chinese-days.json'), 'utf8')) as ShippedCalendar;

/**
 * chinese-days' own functions, run in a separate process on China time (where the package builds its
 * table correctly), for every date of the covered range.
 */
const packageAnswersInChinaTime = (): Record<string, boolean> => {
  const script = [
    "import chineseDays from 'chinese-days';",
    'const [first, last] = process.argv.slice(1);',
    'const answers = {};',
    'for (let t = Date.parse(first); t <= Date.parse(last); t += 86400000) {',
    '  const date = new Date(t).toISOString().slice(0, 10);',
    '  answers[date] = chineseDays.isWorkday(date);',
    '}',
    'process.stdout.write(JSON.stringify(answers));',
  ].join('\n');
  const { first, last } = WORKING_DAY_CALENDAR_RANGE;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script, first, last], {
    cwd: import.meta.dirname,
    env: { ...process.env, TZ: 'Asia/Shanghai' },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`chinese-days probe failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Record<string, boolean>;
};

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
};

describe('WORKING_DAY_CALENDAR_RANGE', () => {
  it('given chinese-days 1.5.7, when the range is derived, then it runs from 1 Jan 2004 to 31 Dec 2026', () => {
    expect(WORKING_DAY_CALENDAR_RANGE).toEqual({ first: '2004-01-01', last: '2026-12-31' });
  });

  it('given the data file the package ships, when the years of all its tables are read, then they are exactly the covered years', () => {
    const data = shipped();
    const years = [...new Set([data.holidays, data.workdays, data.inLieuDays].flatMap((m) => Object.keys(m)).map((d) => d.slice(0, 4)))].sort();
    expect(`${years[0]}-01-01`).toBe(WORKING_DAY_CALENDAR_RANGE.first);
    expect(`${years.at(-1)}-12-31`).toBe(WORKING_DAY_CALENDAR_RANGE.last);
  });

  it('given the package’s own isWorkday in a China-time process, when asked about every covered date, then it agrees with isWorkingDay', () => {
    const answers = packageAnswersInChinaTime();
    const dates = Object.keys(answers);
    expect(dates[0]).toBe(WORKING_DAY_CALENDAR_RANGE.first);
    expect(dates.at(-1)).toBe(WORKING_DAY_CALENDAR_RANGE.last);
    const disagreements = dates.filter((date) => answers[date] !== isWorkingDay(date));
    expect(disagreements).toEqual([]);
  });
});

describe('isWorkingDay on the 2026 calendar (domain.md §9)', () => {
  const cases: [string, string, boolean][] = [
    ['New Year, Thursday', '2026-01-01', false],
    ['New Year, Friday', '2026-01-02', false],
    ['New Year, Saturday', '2026-01-03', false],
    ['New Year make-up day, Sunday', '2026-01-04', true],
    ['Spring Festival make-up day, Saturday', '2026-02-14', true],
    ['Spring Festival, first day (Sunday)', '2026-02-15', false],
    ['Spring Festival, Tuesday', '2026-02-17', false],
    ['Spring Festival, Friday', '2026-02-20', false],
    ['Spring Festival, last day (Monday)', '2026-02-23', false],
    ['day after Spring Festival', '2026-02-24', true],
    ['Spring Festival make-up day, Saturday', '2026-02-28', true],
    ['ordinary Sunday after the make-up day', '2026-03-01', false],
    ['ordinary Wednesday', '2026-03-04', true],
    ['ordinary Saturday', '2026-03-07', false],
    ['Qingming, Saturday', '2026-04-04', false],
    ['Qingming, Sunday', '2026-04-05', false],
    ['Qingming, Monday', '2026-04-06', false],
    ['day after Qingming', '2026-04-07', true],
    ['Labour Day, Friday', '2026-05-01', false],
    ['Labour Day, Monday', '2026-05-04', false],
    ['Labour Day, Tuesday', '2026-05-05', false],
    ['Labour Day make-up day, Saturday', '2026-05-09', true],
    ['ordinary Sunday after it', '2026-05-10', false],
    ['Dragon Boat, Friday', '2026-06-19', false],
    ['Dragon Boat, Sunday', '2026-06-21', false],
    ['day after Dragon Boat', '2026-06-22', true],
    ['National Day make-up day, Sunday', '2026-09-20', true],
    ['Mid-Autumn, Friday', '2026-09-25', false],
    ['Mid-Autumn, Sunday', '2026-09-27', false],
    ['Monday between Mid-Autumn and National Day', '2026-09-28', true],
    ['National Day, Thursday', '2026-10-01', false],
    ['National Day, Monday', '2026-10-05', false],
    ['National Day, last day (Wednesday)', '2026-10-07', false],
    ['day after National Day', '2026-10-08', true],
    ['National Day make-up day, Saturday', '2026-10-10', true],
    ['ordinary Sunday after it', '2026-10-11', false],
    ['last day of the range, Thursday', '2026-12-31', true],
  ];

  it.each(cases)('given %s (%s), when asked, then working day is %s', (_label, date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('given the whole of 2026, when its working days are counted, then there are 248 (261 weekdays - 19 holiday weekdays + 6 make-up days)', () => {
    expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });
});

describe('addWorkingDays', () => {
  it('given receipt on Monday 2026-09-28, when 7 working days are added, then the deadline skips 10/1–10/7, counts Saturday 10/10 and is 2026-10-13', () => {
    expect(addWorkingDays('2026-09-28', 7)).toBe('2026-10-13');
  });

  it('given Tuesday 2026-02-10, when 15 working days are added, then both Spring Festival make-up Saturdays count and the deadline is 2026-03-09', () => {
    expect(addWorkingDays('2026-02-10', 15)).toBe('2026-03-09');
  });

  it('given mediation accepted on 2026-04-01, when 45 working days pass (art. 21), then it ends on 2026-06-08 across Qingming and Labour Day', () => {
    expect(addWorkingDays('2026-04-01', 45)).toBe('2026-06-08');
  });

  it('given a start on a holiday, when 1 working day is added, then it is the first working day after the holiday', () => {
    expect(addWorkingDays('2026-10-01', 1)).toBe('2026-10-08');
  });

  it('given n = 0, when added, then the start itself comes back, even on a holiday', () => {
    expect(addWorkingDays('2026-10-03', 0)).toBe('2026-10-03');
  });

  it('given the start day is a working day, when 1 is added, then the start does not count', () => {
    expect(addWorkingDays('2026-03-04', 1)).toBe('2026-03-05');
  });

  it('given a deadline of the last covered day, when counted, then it is allowed', () => {
    expect(addWorkingDays('2026-12-30', 1)).toBe('2026-12-31');
  });

  it('given any start and n, when counted back with workingDaysBetween, then n comes back and the deadline is a working day', () => {
    for (const start of ['2026-01-01', '2026-02-13', '2026-04-30', '2026-06-18', '2026-09-19', '2026-10-09']) {
      for (const n of [1, 5, 7, 15, 20, 45]) {
        const deadline = addWorkingDays(start, n);
        expect([start, n, workingDaysBetween(start, deadline), isWorkingDay(deadline)]).toEqual([start, n, n, true]);
      }
    }
  });

  it('given a negative, fractional or non-finite n, when added, then a ValidationError is thrown', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => addWorkingDays('2026-03-04', n)).toThrow(ValidationError);
    }
  });

  it('given a malformed or impossible date, when used, then a ValidationError is thrown', () => {
    expect(() => addWorkingDays('2026-02-30', 1)).toThrow(ValidationError);
    expect(() => isWorkingDay('2026/03/04')).toThrow(ValidationError);
  });
});

describe('workingDaysBetween', () => {
  it('given the National Day week, when counted over (9/28, 10/13], then 7 working days', () => {
    expect(workingDaysBetween('2026-09-28', '2026-10-13')).toBe(7);
  });

  it('given from and to on the same day, when counted, then 0', () => {
    expect(workingDaysBetween('2026-03-04', '2026-03-04')).toBe(0);
  });

  it('given from excluded and to included, when a working day is on either end, then only the to end counts', () => {
    expect(workingDaysBetween('2026-03-04', '2026-03-05')).toBe(1);
    expect(workingDaysBetween('2026-03-06', '2026-03-08')).toBe(0);
  });

  it('given to before from, when counted, then the count is negative', () => {
    expect(workingDaysBetween('2026-10-13', '2026-09-28')).toBe(-7);
  });
});

describe('addWorkingDaysWithPauses (domain.md §6 art. 20)', () => {
  it('given no pauses, when counted, then it equals addWorkingDays', () => {
    expect(addWorkingDaysWithPauses('2026-09-28', 7, [])).toBe('2026-10-13');
  });

  it('given testing on 9/29–9/30, when 7 working days are added after 2026-09-28, then those days do not count and the deadline is 2026-10-15', () => {
    expect(addWorkingDaysWithPauses('2026-09-28', 7, [{ from: '2026-09-29', to: '2026-09-30' }])).toBe('2026-10-15');
  });

  it('given mediation accepted on 2026-04-01 and two weeks of testing, when 45 working days are added, then the end moves past Dragon Boat to 2026-06-23', () => {
    expect(addWorkingDaysWithPauses('2026-04-01', 45, [{ from: '2026-04-13', to: '2026-04-24' }])).toBe('2026-06-23');
  });

  it('given overlapping pauses out of order, when counted, then they are merged and each day is skipped once', () => {
    const pauses = [
      { from: '2026-10-09', to: '2026-10-12' },
      { from: '2026-10-08', to: '2026-10-09' },
      { from: '2026-10-10', to: '2026-10-10' },
    ];
    expect(addWorkingDaysWithPauses('2026-09-28', 7, pauses)).toBe('2026-10-19');
    expect(addWorkingDaysWithPauses('2026-09-28', 7, [{ from: '2026-10-08', to: '2026-10-12' }])).toBe('2026-10-19');
  });

  it('given a pause lying inside a holiday or before the start, when counted, then the deadline does not move', () => {
    const pauses = [
      { from: '2026-10-02', to: '2026-10-05' },
      { from: '2026-09-01', to: '2026-09-28' },
    ];
    expect(addWorkingDaysWithPauses('2026-09-28', 7, pauses)).toBe('2026-10-13');
  });

  it('given a pause whose end is before its start, when counted, then a ValidationError is thrown', () => {
    expect(() => addWorkingDaysWithPauses('2026-09-28', 7, [{ from: '2026-10-09', to: '2026-10-08' }])).toThrow(ValidationError);
  });

  it('given pauses, when counted, then the caller’s pause list is left untouched', () => {
    const pauses = [
      { from: '2026-10-09', to: '2026-10-12' },
      { from: '2026-10-08', to: '2026-10-09' },
    ];
    const before = JSON.stringify(pauses);
    addWorkingDaysWithPauses('2026-09-28', 7, pauses);
    expect(JSON.stringify(pauses)).toBe(before);
  });
});

describe('dates outside the official calendar', () => {
  const afterLast = addDays(WORKING_DAY_CALENDAR_RANGE.last, 365);
  const beforeFirst = addDays(WORKING_DAY_CALENDAR_RANGE.first, -1);

  it('given a date a year after the last covered one, when asked, then CalendarRangeError names the date and the range', () => {
    const error = thrown(() => isWorkingDay(afterLast));
    expect(error).toBeInstanceOf(CalendarRangeError);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'CALENDAR.OUT_OF_RANGE',
      kind: 'rule',
      details: { date: afterLast, first: WORKING_DAY_CALENDAR_RANGE.first, last: WORKING_DAY_CALENDAR_RANGE.last },
    });
    expect((error as Error).message).toContain(afterLast);
    expect((error as Error).message).toContain(WORKING_DAY_CALENDAR_RANGE.first);
    expect((error as Error).message).toContain(WORKING_DAY_CALENDAR_RANGE.last);
  });

  it('given the day before the first covered one, when used anywhere, then CalendarRangeError is thrown', () => {
    expect(() => isWorkingDay(beforeFirst)).toThrow(CalendarRangeError);
    expect(() => addWorkingDays(beforeFirst, 0)).toThrow(CalendarRangeError);
    expect(() => workingDaysBetween(beforeFirst, '2004-01-05')).toThrow(CalendarRangeError);
    expect(() => addWorkingDaysWithPauses(beforeFirst, 1, [])).toThrow(CalendarRangeError);
  });

  it('given the first covered day, when asked, then it is answered (1 Jan 2004 was New Year)', () => {
    expect(isWorkingDay(WORKING_DAY_CALENDAR_RANGE.first)).toBe(false);
  });

  it('given a deadline whose counting runs past the last covered day, when added, then CalendarRangeError is thrown, not a guess', () => {
    const error = thrown(() => addWorkingDays('2026-12-20', 15));
    expect(error).toBeInstanceOf(CalendarRangeError);
    expect(error).toMatchObject({ details: { date: '2027-01-01' } });
    expect(() => addWorkingDays('2026-12-31', 1)).toThrow(CalendarRangeError);
    expect(() => addWorkingDaysWithPauses('2026-12-01', 5, [{ from: '2026-12-02', to: '2027-03-01' }])).toThrow(CalendarRangeError);
    expect(() => workingDaysBetween('2026-12-01', '2027-01-05')).toThrow(CalendarRangeError);
  });
});

describe('addCalendarDays', () => {
  it('given a date, when calendar days are added, then weekends and holidays count like any day', () => {
    expect(addCalendarDays('2026-09-28', 7)).toBe('2026-10-05');
  });
});
