/**
 * The app's own usage types, reshaped from the Nomos wire format (see
 * lib/nomos/reshape.ts). Times are epoch ms, like the price types.
 */
export type UsageInterval = {
  /** Start of the metering interval, epoch ms (UTC). */
  start: number;
  /** End (exclusive), epoch ms. */
  end: number;
  /** Energy in kWh: drawn from the grid, or for feed-in fed into it. Always a positive magnitude. */
  kwh: number;
  /** False while the metering operator may still replace the value. */
  final: boolean;
};
