/**
 * Deterministic German dynamic-tariff prices. The wholesale part follows the
 * average day-ahead shape of the month (derived from real SMARD data into
 * params.json), moved each day by a random level, solar depth and noise drawn
 * from a PRNG seeded with (plan, local date): the same plan and day always
 * give the same prices, so tests and screenshots stay stable.
 */
import { berlinParts, dayIntervals } from '../berlin-time';
import params from './params.json';
import { createRandom, gaussian, hashSeed } from './random';

export const PRICE_ATTRIBUTION = params.attribution;

type MonthParams = {
  hourly_mean: number[];
  daily_level_sd: number;
  interval_sd: number;
  negative_share: number;
  negative_mean: number;
};

const months = params.months as Record<string, MonthParams | undefined>;

function monthParams(month: number): MonthParams {
  const found = months[String(month)];
  if (found) return found;
  // The reference data has a gap (September); blend the neighbouring months.
  const before = monthParams(month === 1 ? 12 : month - 1);
  const after = months[String(month === 12 ? 1 : month + 1)] ?? before;
  const blend = (a: number, b: number) => (a + b) / 2;
  return {
    hourly_mean: before.hourly_mean.map((v, i) => blend(v, after.hourly_mean[i] ?? v)),
    daily_level_sd: blend(before.daily_level_sd, after.daily_level_sd),
    interval_sd: blend(before.interval_sd, after.interval_sd),
    negative_share: blend(before.negative_share, after.negative_share),
    negative_mean: blend(before.negative_mean, after.negative_mean),
  };
}

export const VAT = 0.19;
/** Supplier margin on top of the spot price, ct/kWh net. */
const SUPPLIER_MARGIN_CT = 1.8;
/** Stromsteuer + KWKG + Offshore + §19 StromNEV + Konzessionsabgabe, ct/kWh net (2026-ish). */
const LEVIES_NET_CT = 2.05 + 0.446 + 0.941 + 1.559 + 1.32;
/** Direct-marketing fee deducted from feed-in payouts, ct/kWh. */
const FEED_IN_FEE_CT = 0.4;

/**
 * Grid fee in ct/kWh net. Plans with `timeVariableGrid` follow §14a EnWG
 * module 3: cheap at night, expensive in the evening peak.
 */
function gridNetCt(hour: number, timeVariableGrid: boolean): number {
  if (!timeVariableGrid) return 9.2;
  if (hour < 6 || hour >= 22) return 3.7;
  if (hour >= 17 && hour < 21) return 13.4;
  return 9.2;
}

export type PlanPricing = {
  id: string;
  type: 'consumption' | 'feed_in';
  resolution: '15min' | 'hourly';
  timeVariableGrid: boolean;
};

export type ModelledPrice = {
  timestamp: number;
  amount: number | null;
  components: { type: 'electricity' | 'grid' | 'levies'; amount: number | null }[];
};

const round2 = (value: number) => Math.round(value * 100) / 100;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Wholesale EUR/MWh per quarter-hour of one Berlin day (92/96/100 values). */
export function spotCurve(seedKey: string, date: string): { timestamp: number; eurPerMwh: number }[] {
  const random = createRandom(hashSeed(`${seedKey}|${date}`));
  const firstParts = berlinParts(dayIntervals(date, 15)[0] ?? 0);
  const month = monthParams(firstParts.month);
  const shape = month.hourly_mean;
  const monthMean = shape.reduce((a, b) => a + b, 0) / shape.length;
  const level = gaussian(random) * month.daily_level_sd;
  // How strongly today's sun and demand carve the curve: some days are flat
  // and grey, some sunny with a deep midday trough.
  const amplitude = 0.55 + random() * 0.9;
  // A few spring/summer days (weekends, holidays) crash deep below zero at midday.
  const crash = random() < month.negative_share * 1.5 ? -Math.abs(month.negative_mean) * (1 + random() * 3) - 20 : 0;
  let noise = 0;
  return dayIntervals(date, 15).map((timestamp) => {
    const { hour, minute } = berlinParts(timestamp);
    const position = hour + minute / 60;
    const next = shape[(hour + 1) % 24] ?? 0;
    const current = shape[hour] ?? 0;
    const base = current + (next - current) * (minute / 60);
    noise = noise * 0.6 + gaussian(random) * month.interval_sd * 0.8;
    const midday = position >= 10.5 && position < 15.5 ? Math.sin(((position - 10.5) / 5) * Math.PI) : 0;
    const value = monthMean + level * (1 - midday * 0.5) + (base - monthMean) * amplitude + noise + crash * midday;
    return { timestamp, eurPerMwh: clamp(value, -500, 1000) };
  });
}

/**
 * All-in prices of one Berlin day for a plan. Components are rounded first
 * and the amount is their sum, so they always add up exactly.
 */
export function dayPrices(plan: PlanPricing, date: string): ModelledPrice[] {
  const curve = spotCurve(plan.id, date);
  const slots =
    plan.resolution === '15min'
      ? curve.map((point) => ({ timestamp: point.timestamp, spot: point.eurPerMwh }))
      : // Hourly plans pay the mean of the hour's four quarter-hours.
        dayIntervals(date, 60).map((hourStart) => {
          const inHour = curve.filter((p) => p.timestamp >= hourStart && p.timestamp < hourStart + 3_600_000);
          return {
            timestamp: hourStart,
            spot: inHour.reduce((s, p) => s + p.eurPerMwh, 0) / Math.max(inHour.length, 1),
          };
        });
  return slots.map(({ timestamp, spot }) => {
    const spotCt = spot / 10;
    if (plan.type === 'feed_in') {
      // No payout while the spot price is negative (§51 EEG), and feed-in
      // payouts carry no VAT, grid fees or levies.
      const electricity = round2(Math.max(spotCt - FEED_IN_FEE_CT, 0));
      return {
        timestamp,
        amount: electricity,
        components: [
          { type: 'electricity', amount: electricity },
          { type: 'grid', amount: 0 },
          { type: 'levies', amount: 0 },
        ],
      };
    }
    const hour = berlinParts(timestamp).hour;
    const electricity = round2((spotCt + SUPPLIER_MARGIN_CT) * (1 + VAT));
    const grid = round2(gridNetCt(hour, plan.timeVariableGrid) * (1 + VAT));
    const levies = round2(LEVIES_NET_CT * (1 + VAT));
    return {
      timestamp,
      amount: round2(electricity + grid + levies),
      components: [
        { type: 'electricity', amount: electricity },
        { type: 'grid', amount: grid },
        { type: 'levies', amount: levies },
      ],
    };
  });
}

/**
 * The rare case the spec warns about: part of the price is unknown, so
 * `amount` is null. Chosen by hashing (plan, interval) so it is stable.
 */
export function withNullSprinkle(plan: PlanPricing, prices: ModelledPrice[], fraction: number): ModelledPrice[] {
  if (fraction <= 0) return prices;
  return prices.map((price) => {
    const roll = hashSeed(`null|${plan.id}|${price.timestamp}`) / 4294967296;
    if (roll >= fraction) return price;
    return {
      timestamp: price.timestamp,
      amount: null,
      components: price.components.map((c) => (c.type === 'grid' ? { type: c.type, amount: null } : c)),
    };
  });
}
