/**
 * Words that flip between consumption and feed-in: for a consumer a low
 * price is good, for someone feeding in a high payout is.
 */
import type { WindowDirection } from '@/lib/prices/cheapest-window';

export type SubscriptionKind = 'consumption' | 'feed_in';

export type Wording = {
  direction: WindowDirection;
  /** Noun for the series: "price" or "payout". */
  noun: string;
  best: string;
  worst: string;
  windowHeading: string;
  submit: string;
  windowLabel: (duration: string) => string;
  lowLabel: string;
  averageLabel: string;
  highLabel: string;
  betterThanNow: string;
  betterThanDay: string;
  worseWord: string;
};

export const UNPUBLISHED_NOTE = 'Tomorrow’s prices are published around 14:00';

export function wordingFor(kind: SubscriptionKind): Wording {
  if (kind === 'feed_in') {
    return {
      direction: 'highest',
      noun: 'payout',
      best: 'highest payout',
      worst: 'lowest payout',
      windowHeading: 'Best time to feed in',
      submit: 'Find the best time',
      windowLabel: (duration) => `Best ${duration} to feed in`,
      lowLabel: 'Low payout right now',
      averageLabel: 'About average',
      highLabel: 'High payout right now',
      betterThanNow: 'more than feeding in now',
      betterThanDay: 'more than the day’s average',
      worseWord: 'less',
    };
  }
  return {
    direction: 'cheapest',
    noun: 'price',
    best: 'cheapest',
    worst: 'most expensive',
    windowHeading: 'Cheapest time to run',
    submit: 'Find the cheapest time',
    windowLabel: (duration) => `Cheapest ${duration}`,
    lowLabel: 'Cheap right now',
    averageLabel: 'About average',
    highLabel: 'Expensive right now',
    betterThanNow: 'cheaper than running now',
    betterThanDay: 'cheaper than the day’s average',
    worseWord: 'more expensive',
  };
}
