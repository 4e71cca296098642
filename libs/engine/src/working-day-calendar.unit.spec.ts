import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKING_DAY_CALENDAR_RANGE } from '@regledger/shared';
import { loadEngineConfig } from './engine-config.js';
import { applyWorkingDayCalendarFile } from './working-day-calendar.js';

describe('WORKING_DAY_CALENDAR_FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regledger-calendar-'));

  it('is optional: without it the calendar keeps the package range', () => {
    expect(loadEngineConfig({}).workingDayCalendarFile).toBeNull();
    expect(applyWorkingDayCalendarFile(null)).toEqual([]);
    expect(WORKING_DAY_CALENDAR_RANGE.last).toBe('2026-12-31');
  });

  it('fails the start naming the file when it is missing or not JSON', () => {
    expect(() => applyWorkingDayCalendarFile(join(dir, 'absent.json'))).toThrow(/absent\.json: cannot be read/);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ holidays');
    expect(() => applyWorkingDayCalendarFile(broken)).toThrow(/broken\.json: is not JSON/);
  });

  it('given a file with a later year, when applied, then the calendar reaches to its end', () => {
    const file = join(dir, 'calendar.json');
    // Test data shaped like a State Council notice, not the published arrangement.
    writeFileSync(file, JSON.stringify({ holidays: { '2027-01-01': '元旦' }, workdays: {} }));
    expect(loadEngineConfig({ WORKING_DAY_CALENDAR_FILE: file }).workingDayCalendarFile).toBe(file);
    expect(applyWorkingDayCalendarFile(file)).toEqual([2027]);
    expect(WORKING_DAY_CALENDAR_RANGE.last).toBe('2027-12-31');
  });
});
