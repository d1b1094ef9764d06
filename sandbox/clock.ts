/**
 * The sandbox's one notion of "now": it decides data (published prices,
 * today, status, usage) and every lifetime (access and refresh tokens,
 * authorization codes, sign-in requests, wrong-code windows). Setting or
 * advancing it stores an offset from the wall clock, so time keeps running
 * from there, as a demo expects, and a test moves one clock instead of
 * sleeping until a token expires.
 */
export type Clock = {
  now(): number;
  set(iso: string | null): void;
  /** Moves the clock forward from where it is now, overridden or not. */
  advance(ms: number): void;
  overridden(): boolean;
};

export function createClock(wallClock: () => number): Clock {
  let offset: number | null = null;
  return {
    now: () => wallClock() + (offset ?? 0),
    set(iso) {
      offset = iso === null ? null : Date.parse(iso) - wallClock();
    },
    advance(ms) {
      offset = (offset ?? 0) + ms;
    },
    overridden: () => offset !== null,
  };
}
