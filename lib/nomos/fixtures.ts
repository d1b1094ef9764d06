import type { Subscription } from './reshape';

/** For tests: an active consumption subscription (anna's, as the sandbox seeds it), with `overrides`. */
export function makeSubscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: 'sub_anna_home',
    number: '1001',
    status: 'active',
    kind: 'consumption',
    planId: 'plan_dynamic',
    customerId: 'cus_anna',
    startAt: null,
    endAt: null,
    ...overrides,
  };
}
