/**
 * The sandbox's notion of "now" for data (published prices, today, status,
 * usage). Setting it stores an offset so time keeps running from there, as a
 * demo expects. Token lifetimes deliberately use the wall clock instead, so a
 * test can shorten the TTL without fighting the data clock.
 */
export type Clock = {
  now(): number;
  set(iso: string | null): void;
  overridden(): boolean;
};

export function createClock(wallClock: () => number): Clock {
  let offset: number | null = null;
  return {
    now: () => wallClock() + (offset ?? 0),
    set(iso) {
      offset = iso === null ? null : Date.parse(iso) - wallClock();
    },
    overridden: () => offset !== null,
  };
}
