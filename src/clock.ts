/** The calendar date (YYYY-MM-DD) of an instant in a time zone: "today" is the county's today, not UTC's. */
export function calendarDate(instant: Date, timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
