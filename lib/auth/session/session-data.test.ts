import { describe, expect, it } from 'vitest';

import { isSessionOver, remainingSeconds, sessionEndsAt, shouldTouch, touchIntervalMs } from './session-data';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const limits = { maxAgeSeconds: 30 * 86_400, idleTimeoutSeconds: 7 * 86_400 };
const connectedAt = Date.UTC(2026, 10, 1);

describe('session lifetime', () => {
  it('ends a session at its absolute lifetime even when it is used every day', () => {
    const session = { connectedAt, lastSeenAt: connectedAt + 30 * DAY - HOUR };
    expect(isSessionOver(session, limits, connectedAt + 30 * DAY)).toBe(true);
    expect(isSessionOver(session, limits, connectedAt + 30 * DAY - 1)).toBe(false);
  });

  it('ends a session unused for the idle timeout long before its absolute lifetime', () => {
    const session = { connectedAt, lastSeenAt: connectedAt + DAY };
    expect(sessionEndsAt(session, limits)).toBe(connectedAt + 8 * DAY);
    expect(isSessionOver(session, limits, connectedAt + 8 * DAY)).toBe(true);
    expect(isSessionOver(session, limits, connectedAt + 8 * DAY - 1)).toBe(false);
  });

  it('never gives a cookie more than what is left of the session', () => {
    // Seen now, 2 days of absolute lifetime left: 2 days, not the 7-day idle timeout.
    const now = connectedAt + 28 * DAY;
    expect(remainingSeconds({ connectedAt, lastSeenAt: now }, limits, now)).toBe(2 * 86_400);
    // Seen now, 20 days left: the idle timeout.
    const early = connectedAt + 10 * DAY;
    expect(remainingSeconds({ connectedAt, lastSeenAt: early }, limits, early)).toBe(7 * 86_400);
  });

  it('never seals with a lifetime of 0, which iron-session reads as "never expires"', () => {
    const now = connectedAt + 30 * DAY - 10;
    expect(remainingSeconds({ connectedAt, lastSeenAt: now }, limits, now)).toBe(1);
  });

  it('does not write the cookie on every visit, but at least hourly, or every tenth of a short idle timeout', () => {
    const lastSeenAt = connectedAt + DAY;
    expect(shouldTouch({ connectedAt, lastSeenAt }, limits, lastSeenAt + HOUR - 1)).toBe(false);
    expect(shouldTouch({ connectedAt, lastSeenAt }, limits, lastSeenAt + HOUR)).toBe(true);
    expect(touchIntervalMs({ maxAgeSeconds: 60, idleTimeoutSeconds: 20 })).toBe(2_000);
  });
});
