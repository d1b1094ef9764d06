/**
 * The app's own price types, reshaped from the Nomos wire format
 * (see lib/nomos/reshape.ts). Times are epoch milliseconds so that the
 * values cross the server/client boundary unchanged.
 */
export type PriceComponents = {
  electricity: number;
  grid: number;
  levies: number;
};

export type PriceInterval = {
  /** Start of the interval, epoch ms (UTC). */
  start: number;
  /** End of the interval (exclusive), epoch ms (UTC). */
  end: number;
  /** All-in price in ct/kWh incl. VAT; null when Nomos has no complete price. */
  amount: number | null;
  components: PriceComponents | null;
};

export type Resolution = '15min' | 'hourly';

export type PriceSeries = {
  unit: string;
  currency: string;
  resolution: Resolution;
  reference: string | null;
  /** Sorted by start, contiguous except where Nomos has not published yet. */
  intervals: PriceInterval[];
};
