/**
 * Derives the sandbox's price-model parameters from real DE-LU day-ahead
 * prices. Run once by hand; the sandbox only reads the committed output, so
 * the project runs without the CSV (which is not ours to commit):
 *
 *   npx tsx sandbox/prices/derive-params.ts ../shared/prices/de-lu-day-ahead-15min.csv
 *
 * Writes sandbox/prices/params.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const berlinParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

function localParts(utc: Date): { date: string; month: number; hour: number } {
  const parts = Object.fromEntries(berlinParts.formatToParts(utc).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    month: Number(parts.month),
    hour: Number(parts.hour),
  };
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(values.length, 1);
const stdDev = (values: number[]) => {
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
};

function derive(csvPath: string) {
  const rows = readFileSync(csvPath, 'utf8').trim().split('\n').slice(1);
  // month -> hour -> prices; month -> date -> prices
  const byMonthHour = new Map<number, number[][]>();
  const byDay = new Map<string, { month: number; prices: number[] }>();
  for (const row of rows) {
    const [timestamp, value] = row.split(',');
    if (!timestamp || value === undefined) continue;
    const price = Number(value);
    const { date, month, hour } = localParts(new Date(timestamp));
    const hours = byMonthHour.get(month) ?? Array.from({ length: 24 }, () => []);
    hours[hour]?.push(price);
    byMonthHour.set(month, hours);
    const day = byDay.get(date) ?? { month, prices: [] };
    day.prices.push(price);
    byDay.set(date, day);
  }

  const months: Record<string, unknown> = {};
  for (let month = 1; month <= 12; month++) {
    const hours = byMonthHour.get(month);
    if (!hours) continue;
    const days = [...byDay.values()].filter((d) => d.month === month);
    const all = days.flatMap((d) => d.prices);
    const dailyMeans = days.map((d) => mean(d.prices));
    months[month] = {
      // Average EUR/MWh per local hour (0–23).
      hourly_mean: hours.map((h) => round(mean(h))),
      // How far one day's level wanders from the month's (std dev of daily means).
      daily_level_sd: round(stdDev(dailyMeans)),
      // Left-over noise per interval once the day's level and the hour shape are removed.
      interval_sd: round(
        stdDev(
          days.flatMap((d) => {
            const dayMean = mean(d.prices);
            return d.prices.map((p) => p - dayMean);
          }),
        ) * 0.35,
      ),
      negative_share: round(all.filter((p) => p < 0).length / Math.max(all.length, 1), 3),
      negative_mean: round(mean(all.filter((p) => p < 0))),
      min: round(Math.min(...all)),
      max: round(Math.max(...all)),
      days: days.length,
    };
  }
  return {
    attribution: 'Data: Bundesnetzagentur | SMARD.de, CC BY 4.0',
    source: 'EPEX day-ahead DE-LU, 15-minute, 2025-10-01 to 2026-08-23 (Europe/Berlin days)',
    unit: 'EUR/MWh',
    months,
  };
}

const csvPath = process.argv[2];
if (!csvPath) {
  console.error('usage: tsx sandbox/prices/derive-params.ts <de-lu-day-ahead-15min.csv>');
  process.exit(1);
}
const out = fileURLToPath(new URL('./params.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(derive(csvPath), null, 1)}\n`);
console.log(`wrote ${out}`);
