import { readFileSync } from 'node:fs';
import { CalendarSupplementError, extendWorkingDayCalendar } from '@regledger/shared';

/**
 * Loads the operator's working-day calendar supplement (WORKING_DAY_CALENDAR_FILE): the State Council
 * arrangement of the years after the ones the calendar package ships. Fails the start with a message
 * naming the file and the defect; returns the years added.
 */
export function applyWorkingDayCalendarFile(path: string | null): number[] {
  if (path === null) return [];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CalendarSupplementError(path, `cannot be read (${(e as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new CalendarSupplementError(path, `is not JSON (${(e as Error).message})`);
  }
  return extendWorkingDayCalendar(data, path);
}
