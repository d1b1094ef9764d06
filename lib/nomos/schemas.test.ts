import { describe, expect, it } from 'vitest';
import {
  customerSchema,
  listSchema,
  nomosErrorSchema,
  priceSchema,
  subscriptionListItemSchema,
  tokenResponseSchema,
} from './schemas';

describe('nomos wire schemas', () => {
  it('rejects an error envelope with an unknown code', () => {
    expect(nomosErrorSchema.safeParse({ code: 'TEAPOT', message: 'x', requestId: 'r', docs: 'd' }).success).toBe(false);
  });

  it('rejects a token response that is not Bearer', () => {
    const base = { access_token: 'a', expires_in: 3600, refresh_token: 'r', scope: 'read:*' };
    expect(tokenResponseSchema.safeParse({ ...base, token_type: 'mac' }).success).toBe(false);
    expect(tokenResponseSchema.parse({ ...base, token_type: 'Bearer' }).token_type).toBe('Bearer');
  });

  it('keeps null amounts and null items, as the spec allows', () => {
    const price = priceSchema.parse({
      object: 'price',
      subscription: 'sub_1',
      period: { start: '2026-03-28T23:00:00.000Z', end: '2026-03-29T21:59:59.000Z' },
      unit: 'ct/kWh',
      currency: 'EUR',
      resolution: '15min',
      reference: 'EPEX Day-Ahead',
      items: [{ timestamp: '2026-03-28T23:00:00.000Z', amount: null, components: [{ type: 'grid', amount: null }] }],
    });
    expect(price.items?.[0]?.amount).toBeNull();
    expect(priceSchema.shape.items.safeParse(null).success).toBe(true);
  });

  it('treats a customer without type as a person and tolerates extra fields', () => {
    const customer = customerSchema.parse({
      object: 'customer',
      id: 'cus_1',
      first_name: 'A',
      last_name: 'B',
      email: 'a@b.de',
      created_at: '2026-01-01T00:00:00Z',
      phone: '+49',
    });
    expect(customer.type).toBe('person');
  });

  it('defaults has_more and next_page on lists, and type on edison subscriptions', () => {
    const list = listSchema(subscriptionListItemSchema).parse({
      object: 'list',
      items: [
        {
          object: 'subscription',
          id: 'sub_1',
          plan: 'plan_1',
          customer: 'cus_1',
          address: 'adr_1',
          meter: 'mtr_1',
          payment_method: 'pm_1',
          status: 'active',
          estimated_usage: 2000,
          created_at: '2026-01-01T00:00:00Z',
          updated_at: '2026-01-01T00:00:00Z',
          billing_address: 'adr_1',
        },
      ],
    });
    expect(list).toMatchObject({ has_more: false, next_page: null });
    expect(list.items[0]?.type).toBe('consumption');
  });
});
