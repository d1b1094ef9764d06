/** Words that flip between consumption (low cost is good) and feed-in (high earnings are good). */
import type { SubscriptionKind } from '@/components/prices/wording';

export function usageWordingFor(kind: SubscriptionKind) {
  if (kind === 'feed_in') {
    return {
      energy: 'Energy fed in',
      money: 'Earnings',
      paid: 'Average payout received',
      plain: 'Day’s average payout',
      moneyColumn: 'Earnings (ct)',
      /** For feed-in a paid average above the plain one is good. */
      good: (differencePercent: number) => differencePercent > 0,
      above: 'above the day’s average payout: you fed in when it paid well',
      below: 'below the day’s average payout',
    };
  }
  return {
    energy: 'Energy used',
    money: 'Cost',
    paid: 'Average price paid',
    plain: 'Day’s average price',
    moneyColumn: 'Cost (ct)',
    good: (differencePercent: number) => differencePercent < 0,
    above: 'above the day’s average price',
    below: 'below the day’s average price: you already shift to cheaper times',
  };
}
