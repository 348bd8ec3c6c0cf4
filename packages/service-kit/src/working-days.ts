/**
 * `from` plus `days` working days (Monday to Friday), at the same time of day: a partner's or
 * lender's "within 5 working days". National holidays are the supervision service's calendar
 * and are not counted here (a step due on a holiday is shown late a day early).
 */
export function addWorkingDays(from: Date, days: number): Date {
  const at = new Date(from);
  let left = days;
  while (left > 0) {
    at.setUTCDate(at.getUTCDate() + 1);
    const weekday = at.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return at;
}
