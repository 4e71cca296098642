/** The shape of a calendar date in a request, YYYY-MM-DD; whether the day exists is a separate check. */
export const CALENDAR_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
