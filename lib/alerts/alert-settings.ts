import { z } from 'zod';

import { locales } from '@/lib/i18n/locales';

/**
 * What a customer who turned on "alerts and calendar" asked for: the alerts
 * (each switchable), their quiet hours, and the loads whose cheapest windows
 * the alerts announce and the calendar feed lists. Kept per customer in the
 * durable store, sealed; the settings page writes it, the jobs and the feed
 * read it.
 *
 * Times of day are Europe/Berlin wall-clock times ("HH:MM"), as the customer
 * reads them on the dashboard.
 */
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day such as 07:00');

/** The settings page: where alerts link to, and where its forms come back to. */
export const ALERTS_PAGE = '/dashboard/alerts';

/** What the settings page says after an action (`?status=`), one message each. */
export const SETTINGS_STATUSES = [
  'enabled',
  'saved',
  'forgotten',
  'invalid',
  'off',
  'unavailable',
  'no-subscription',
  'test-sent',
  'push-off',
  'feed-created',
  'feed-rotated',
  'feed-revoked',
] as const;
export type SettingsStatus = (typeof SETTINGS_STATUSES)[number];
export const isSettingsStatus = (value: string | undefined): value is SettingsStatus =>
  (SETTINGS_STATUSES as readonly string[]).includes(value ?? '');

/** Loads a customer can name: enough for a household's dishwasher, washing machine, dryer, car and heat pump. */
export const MAX_LOADS = 5;

export const loadSchema = z.object({
  /** Stable within the customer's settings: names the load in event keys and feed UIDs. */
  id: z.string().regex(/^[a-z0-9-]{1,32}$/, 'must be 1–32 of a-z, 0-9 and -'),
  /** The customer's own name for it ("Spülmaschine", "EV"). */
  name: z.string().trim().min(1).max(40),
  /** How long it runs, in whole quarter-hours. */
  durationMinutes: z
    .number()
    .int()
    .min(15)
    .max(12 * 60)
    .multipleOf(15),
  /**
   * It must be done by this time of day. Its window is looked for in the
   * 24 hours before each such time (a dishwasher done by 07:00 may run from
   * 07:00 the day before), from now on, where prices are known.
   */
  latestFinish: timeOfDay,
});
export type Load = z.infer<typeof loadSchema>;

export const alertSettingsSchema = z.object({
  /** The language of every alert and of the feed. */
  locale: z.enum(locales),
  /** The subscription whose prices the alerts and the feed follow. */
  subscriptionId: z.string().min(1),
  /** Tomorrow's prices are published: one alert a day, with the cheapest and dearest hour. */
  tomorrowPublished: z.boolean(),
  /** A load's cheapest window starts within `leadMinutes`. */
  cheapWindow: z.object({ enabled: z.boolean(), leadMinutes: z.number().int().min(0).max(180) }),
  /**
   * The price falls below a threshold: an absolute price in ct/kWh, or a
   * share below the day's average ("cheap" relative to the day).
   */
  threshold: z.object({
    enabled: z.boolean(),
    mode: z.enum(['absolute', 'relative']),
    ctPerKwh: z.number().min(-100).max(200),
    percentBelowAverage: z.number().int().min(1).max(90),
  }),
  /** No alert is sent between `from` and `to` (which may span midnight). */
  quietHours: z.object({ enabled: z.boolean(), from: timeOfDay, to: timeOfDay }),
  loads: z.array(loadSchema).max(MAX_LOADS),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

/** What a customer starts with when turning alerts on. */
export function defaultAlertSettings(locale: AlertSettings['locale'], subscriptionId: string): AlertSettings {
  return {
    locale,
    subscriptionId,
    tomorrowPublished: true,
    cheapWindow: { enabled: true, leadMinutes: 30 },
    threshold: { enabled: false, mode: 'relative', ctPerKwh: 20, percentBelowAverage: 20 },
    quietHours: { enabled: true, from: '22:00', to: '07:00' },
    loads: [
      {
        id: 'dishwasher',
        name: locale === 'de' ? 'Spülmaschine' : 'Dishwasher',
        durationMinutes: 120,
        latestFinish: '07:00',
      },
    ],
  };
}
