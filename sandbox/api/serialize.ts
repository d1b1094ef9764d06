/** Store records → wire objects of the curie spec (edison drops `type`). */
import type {
  ApiCustomer,
  ApiPlan,
  ApiSubscription,
  ApiSubscriptionListItem,
  ApiVersion,
} from '../../lib/nomos/schemas';
import { subscriptionStatus, type Customer, type Plan, type Subscription } from '../store';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function customerJson(customer: Customer): ApiCustomer {
  return {
    object: 'customer',
    id: customer.id,
    type: 'person',
    first_name: customer.firstName,
    last_name: customer.lastName,
    email: customer.email,
    vat_id: null,
    created_at: customer.createdAt,
  };
}

export function planJson(plan: Plan, version: ApiVersion): ApiPlan | Omit<ApiPlan, 'type'> {
  const body = {
    object: 'plan' as const,
    id: plan.id,
    name: plan.name,
    slug: plan.slug,
    description: plan.description,
    price: plan.baseFee,
    currency: 'EUR',
    created_at: plan.createdAt,
  };
  return version === '2026-01-29.edison' ? body : { ...body, type: plan.type };
}

function common(sub: Subscription, now: number, version: ApiVersion) {
  const base = {
    object: 'subscription' as const,
    id: sub.id,
    plan: sub.planId,
    number: sub.number,
    status: subscriptionStatus(sub, now),
    estimated_usage: sub.estimatedUsage,
    created_at: sub.createdAt,
    updated_at: sub.createdAt,
    start_at: iso(sub.startAt(now)),
    terminated_at: null,
    end_at: iso(sub.endAt(now)),
    metadata: null,
  };
  return version === '2026-01-29.edison' ? base : { ...base, type: sub.type };
}

const ids = (sub: Subscription) => ({
  customer: sub.customerId,
  address: `adr_${sub.id.slice(4)}`,
  meter: `mtr_${sub.id.slice(4)}`,
  payment_method: `pm_${sub.customerId.slice(4)}`,
  supplier: null,
  billing_address: `adr_${sub.id.slice(4)}`,
});

export function subscriptionListItemJson(
  sub: Subscription,
  now: number,
  version: ApiVersion,
): Omit<ApiSubscriptionListItem, 'type'> {
  return { ...common(sub, now, version), ...ids(sub) };
}

export function subscriptionJson(
  sub: Subscription,
  customer: Customer,
  now: number,
  version: ApiVersion,
): Omit<ApiSubscription, 'type'> {
  const refs = ids(sub);
  const address = {
    object: 'address' as const,
    id: refs.address,
    street: sub.street,
    house_number: sub.houseNumber,
    zip: sub.zip,
    city: sub.city,
    created_at: sub.createdAt,
  };
  return {
    ...common(sub, now, version),
    customer: customerJson(customer),
    address,
    meter: {
      object: 'meter',
      id: refs.meter,
      melo: null,
      number: sub.meterNumber,
      type: 'smart',
      malo: `5${sub.meterNumber.slice(4, 14).padEnd(10, '0')}`,
      created_at: sub.createdAt,
    },
    payment_method: {
      object: 'payment_method',
      id: refs.payment_method,
      type: 'sepa_debit',
      sepa_debit: { iban: 'DE89 •••• •••• •••• •••• 00', account_holder: `${customer.firstName} ${customer.lastName}` },
      created_at: sub.createdAt,
    },
    supplier: null,
    billing_address: address,
  };
}
