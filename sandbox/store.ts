/**
 * In-memory state: the seeded demo customers and everything the OAuth
 * server issues. A restart or `POST /__sandbox/reset` starts fresh.
 */
import { addDays, berlinDate, startOfBerlinDay } from './berlin-time';
import type { PlanPricing } from './prices/model';

export type Customer = {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  createdAt: string;
};

export type Plan = PlanPricing & {
  name: string;
  slug: string;
  description: string;
  /** Monthly base fee, EUR incl. VAT. */
  baseFee: number;
  createdAt: string;
};

/** Dates may depend on the sandbox clock ("starts in two weeks"), so they are functions of now. */
export type Subscription = {
  id: string;
  customerId: string;
  planId: string;
  number: string;
  type: 'consumption' | 'feed_in';
  estimatedUsage: number;
  createdAt: string;
  startAt: (now: number) => number;
  endAt: (now: number) => number | null;
  meterNumber: string;
  street: string;
  houseNumber: string;
  zip: string;
  city: string;
};

export type SubscriptionStatus = 'pending' | 'active' | 'ended';

export function subscriptionStatus(subscription: Subscription, now: number): SubscriptionStatus {
  if (now < subscription.startAt(now)) return 'pending';
  const end = subscription.endAt(now);
  if (end !== null && now >= end) return 'ended';
  return 'active';
}

export const ORGANISATION_ID = 'org_hems_demo';

export type Client = { id: string; secret: string; name: string; origins: string[] };

export const PLANS: Plan[] = [
  {
    id: 'plan_dynamic_15min',
    name: 'Nomos Dynamisch 15',
    slug: 'nomos-dynamisch-15',
    description: 'Dynamic tariff with quarter-hourly day-ahead prices and §14a time-variable grid fees.',
    baseFee: 9.9,
    createdAt: '2025-06-01T08:00:00.000Z',
    type: 'consumption',
    resolution: '15min',
    timeVariableGrid: true,
  },
  {
    id: 'plan_dynamic_hourly',
    name: 'Nomos Dynamisch Stunde',
    slug: 'nomos-dynamisch-stunde',
    description: 'Dynamic tariff with hourly prices (mean of the hour’s quarter-hours) and flat grid fees.',
    baseFee: 7.9,
    createdAt: '2025-06-01T08:00:00.000Z',
    type: 'consumption',
    resolution: 'hourly',
    timeVariableGrid: false,
  },
  {
    id: 'plan_feed_in_15min',
    name: 'Nomos Einspeisung',
    slug: 'nomos-einspeisung',
    description: 'Feed-in at the quarter-hourly day-ahead market value; no payout while prices are negative.',
    baseFee: 0,
    createdAt: '2025-06-01T08:00:00.000Z',
    type: 'feed_in',
    resolution: '15min',
    timeVariableGrid: false,
  },
];

const fixed = (iso: string) => () => Date.parse(iso);
const never = () => null;
/** Local midnight `days` from the sandbox's today. */
const relativeDay = (days: number) => (now: number) => startOfBerlinDay(addDays(berlinDate(now), days));

type SeedCustomer = {
  key: string;
  first: string;
  last: string;
  subscriptions: Omit<
    Subscription,
    'customerId' | 'id' | 'number' | 'meterNumber' | 'street' | 'houseNumber' | 'zip' | 'city' | 'createdAt'
  >[];
};

const SEEDED: SeedCustomer[] = [
  {
    key: 'anna',
    first: 'Anna',
    last: 'Albrecht',
    subscriptions: [
      {
        planId: 'plan_dynamic_15min',
        type: 'consumption',
        estimatedUsage: 3200,
        startAt: fixed('2025-09-30T22:00:00.000Z'),
        endAt: never,
      },
    ],
  },
  {
    key: 'ben',
    first: 'Ben',
    last: 'Becker',
    subscriptions: [
      {
        planId: 'plan_dynamic_hourly',
        type: 'consumption',
        estimatedUsage: 2400,
        startAt: fixed('2025-09-30T22:00:00.000Z'),
        endAt: never,
      },
    ],
  },
  {
    key: 'carla',
    first: 'Carla',
    last: 'Conrad',
    subscriptions: [
      {
        planId: 'plan_dynamic_15min',
        type: 'consumption',
        estimatedUsage: 2800,
        startAt: relativeDay(14),
        endAt: never,
      },
    ],
  },
  {
    key: 'dora',
    first: 'Dora',
    last: 'Dietrich',
    subscriptions: [
      {
        planId: 'plan_dynamic_15min',
        type: 'consumption',
        estimatedUsage: 4500,
        startAt: fixed('2025-09-30T22:00:00.000Z'),
        endAt: never,
      },
      {
        planId: 'plan_feed_in_15min',
        type: 'feed_in',
        estimatedUsage: 6000,
        startAt: fixed('2025-09-30T22:00:00.000Z'),
        endAt: never,
      },
    ],
  },
  {
    key: 'emil',
    first: 'Emil',
    last: 'Engel',
    subscriptions: [
      {
        planId: 'plan_dynamic_15min',
        type: 'consumption',
        estimatedUsage: 1900,
        startAt: relativeDay(-400),
        endAt: relativeDay(-30),
      },
    ],
  },
];

/** Extra organisation-only customers so an organisation token has several pages to walk. */
const EXTRA_ORGANISATION_CUSTOMERS = 25;

const CITIES = [
  { street: 'Torstraße', zip: '10119', city: 'Berlin' },
  { street: 'Sendlinger Straße', zip: '80331', city: 'München' },
  { street: 'Schanzenstraße', zip: '20357', city: 'Hamburg' },
  { street: 'Ehrenfeldgürtel', zip: '50823', city: 'Köln' },
  { street: 'Königstraße', zip: '70173', city: 'Stuttgart' },
];

export type Store = {
  customers: Map<string, Customer>;
  subscriptions: Subscription[];
};

export const DEMO_EMAILS = SEEDED.map((c) => `${c.key}@example.com`);

export function seedStore(): Store {
  const customers = new Map<string, Customer>();
  const subscriptions: Subscription[] = [];
  // created_at decreases down the list so "newest first" puts the named demo customers on top.
  let minute = 0;
  const createdAt = () => new Date(Date.parse('2025-09-15T10:00:00.000Z') - minute++ * 3_600_000).toISOString();
  const add = (key: string, first: string, last: string, subs: SeedCustomer['subscriptions']) => {
    const customer: Customer = {
      id: `cus_${key}`,
      firstName: first,
      lastName: last,
      email: `${key}@example.com`,
      createdAt: createdAt(),
    };
    customers.set(customer.id, customer);
    subs.forEach((sub, index) => {
      const place = CITIES[customers.size % CITIES.length] ?? CITIES[0]!;
      const suffix = sub.type === 'feed_in' ? 'solar' : index === 0 ? 'home' : `home${index + 1}`;
      subscriptions.push({
        ...sub,
        id: `sub_${key}_${suffix}`,
        customerId: customer.id,
        number: `NOM-${String(10_000 + subscriptions.length)}`,
        meterNumber: `1ESY${String(1_160_000_000 + subscriptions.length * 7919)}`,
        createdAt: createdAt(),
        street: place.street,
        houseNumber: String(3 + customers.size * 2),
        zip: place.zip,
        city: place.city,
      });
    });
  };
  for (const seed of SEEDED) add(seed.key, seed.first, seed.last, seed.subscriptions);
  for (let i = 1; i <= EXTRA_ORGANISATION_CUSTOMERS; i++) {
    const key = `org${String(i).padStart(2, '0')}`;
    const endedLongAgo = i % 7 === 0;
    add(key, 'Kunde', `Nummer ${i}`, [
      {
        planId: i % 3 === 0 ? 'plan_dynamic_hourly' : 'plan_dynamic_15min',
        type: 'consumption',
        estimatedUsage: 1500 + i * 100,
        startAt: i % 5 === 0 ? relativeDay(7 + i) : fixed('2025-10-31T23:00:00.000Z'),
        endAt: endedLongAgo ? relativeDay(-10) : never,
      },
    ]);
  }
  return { customers, subscriptions };
}
