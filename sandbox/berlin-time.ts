/**
 * Europe/Berlin day arithmetic. Nomos days are the customer's local days, so
 * a day is 92, 96 or 100 quarter-hours long depending on DST; deriving the
 * intervals from two local midnights gets that right without special cases.
 */
export const TIME_ZONE = 'Europe/Berlin';
const DAY_MS = 86_400_000;

const partsFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export type LocalParts = { date: string; year: number; month: number; day: number; hour: number; minute: number };

export function berlinParts(epochMs: number): LocalParts {
  const p: Record<string, string> = {};
  for (const part of partsFormat.formatToParts(new Date(epochMs))) p[part.type] = part.value;
  const year = Number(p.year);
  const month = Number(p.month);
  const day = Number(p.day);
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    year,
    month,
    day,
    hour: Number(p.hour),
    minute: Number(p.minute),
  };
}

/** `YYYY-MM-DD` of the Berlin day containing the instant. */
export function berlinDate(epochMs: number): string {
  return berlinParts(epochMs).date;
}

/** Parses a real calendar date (rejects 2026-02-30), or returns null. */
export function parseDate(value: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function addDays(date: string, days: number): string {
  const parsed = parseDate(date);
  if (!parsed) throw new Error(`not a date: ${date}`);
  return new Date(Date.UTC(parsed.year, parsed.month - 1, parsed.day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** The UTC instant of a Berlin wall-clock hour on `date` (never one inside the DST gap). */
export function berlinTime(date: string, hour = 0): number {
  const parsed = parseDate(date);
  if (!parsed) throw new Error(`not a date: ${date}`);
  const target = Date.UTC(parsed.year, parsed.month - 1, parsed.day, hour);
  // Berlin is UTC+1 or UTC+2: start from +1 and correct by the observed
  // difference; two rounds settle even on the switch days.
  let guess = target - 3_600_000;
  for (let i = 0; i < 2; i++) {
    const p = berlinParts(guess);
    guess -= Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - target;
  }
  return guess;
}

/** The UTC instant of 00:00 Berlin time on `date`. */
export function startOfBerlinDay(date: string): number {
  return berlinTime(date, 0);
}

/** Interval starts (UTC ms) of one Berlin day at the given step. */
export function dayIntervals(date: string, stepMinutes: 15 | 60): number[] {
  const start = startOfBerlinDay(date);
  const end = startOfBerlinDay(addDays(date, 1));
  const out: number[] = [];
  for (let t = start; t < end; t += stepMinutes * 60_000) out.push(t);
  return out;
}
