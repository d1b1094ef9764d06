import { describe, expect, it } from 'vitest';

import type { Subscription } from '@/lib/nomos/reshape';

import { pickSubscription } from './select';

const sub = (id: string, status: Subscription['status'], kind: Subscription['kind'] = 'consumption'): Subscription => ({
  id,
  number: null,
  status,
  kind,
  planId: 'pln_1',
  customerId: 'cus_1',
  startAt: null,
  endAt: null,
});

describe('pickSubscription', () => {
  it('ignores an id from the URL that is not one of the customer’s subscriptions', () => {
    expect(pickSubscription([sub('sub_a', 'active')], 'sub_other')?.id).toBe('sub_a');
  });

  it('has nothing to show without subscriptions', () => {
    expect(pickSubscription([], undefined)).toBeUndefined();
  });

  it('honours the id from the URL, even for an ended subscription', () => {
    expect(pickSubscription([sub('sub_a', 'active'), sub('sub_b', 'ended')], 'sub_b')?.id).toBe('sub_b');
  });

  it('prefers active over pending over ended, consumption over feed-in', () => {
    const list = [
      sub('ended', 'ended'),
      sub('pending', 'pending'),
      sub('feed', 'active', 'feed_in'),
      sub('cons', 'active'),
    ];
    expect(pickSubscription(list, undefined)?.id).toBe('cons');
    expect(pickSubscription(list.slice(0, 3), undefined)?.id).toBe('feed');
    expect(pickSubscription(list.slice(0, 2), undefined)?.id).toBe('pending');
  });
});
