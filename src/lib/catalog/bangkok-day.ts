// Days as Thailand counts them (UTC+7), the unit downloads are counted in; pure.
const bangkokDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Thailand (YYYY-MM-DD) of an instant. */
export function dayInBangkok(at: Date): string {
  return bangkokDay.format(at);
}

/** The first day of the last `days` Bangkok days, today included: where "this month's downloads" start. */
export function firstDayOfLast(days: number, now = new Date()): string {
  return dayInBangkok(new Date(now.getTime() - (days - 1) * 86_400_000));
}
