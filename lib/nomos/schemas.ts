/**
 * Wire schemas of the Nomos API (version `2026-05-27.curie`, with the
 * `2026-01-29.edison` differences noted), mirrored by hand from the public
 * OpenAPI spec. Pure zod and no project imports, because both the app's API
 * client and the local sandbox's tests import this file: it is the one place
 * where "what Nomos sends" is written down.
 *
 * Objects strip unknown keys (zod's default) so the real service can add
 * fields without breaking us; required fields and enums are kept strict so a
 * changed contract fails loudly at the boundary.
 */
import { z } from 'zod';

import type { ApiErrorCode } from './errors';

// The spec types timestamps as "string or date-time string", so it promises
// no more than a string; the sandbox always sends ISO 8601 in UTC.
const timestampSchema = z.string();
const nullableTimestampSchema = z.string().nullable();
const localDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export { nomosErrorCodeSchema, nomosErrorSchema, type ApiError, type ApiErrorCode } from './errors';

/** HTTP status that goes with each error code, as the Nomos docs list them. */
export const nomosErrorStatus: Record<ApiErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  PAYMENT_REQUIRED: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  UNPROCESSABLE_ENTITY: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
};

/** `{ object: "list", items, has_more, next_page }`, cursor paginated. */
export function listSchema<T extends z.ZodType>(item: T) {
  return z.object({
    object: z.literal('list'),
    items: z.array(item),
    // Optional in the spec (`has_more` defaults to false); the sandbox always sends both.
    has_more: z.boolean().default(false),
    next_page: z.string().nullable().default(null),
  });
}
export type ApiList<T> = { object: 'list'; items: T[]; has_more: boolean; next_page: string | null };

const customerBaseSchema = z.object({
  object: z.literal('customer'),
  id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  vat_id: z.string().nullable().optional(),
  created_at: timestampSchema,
});

/** `GET /customers/{id}`: a person (type defaults to "person") or a company. */
export const customerSchema = z.union([
  customerBaseSchema.extend({ type: z.literal('company'), company_name: z.string() }),
  customerBaseSchema.extend({ type: z.literal('person').default('person') }),
]);
export type ApiCustomer = z.infer<typeof customerSchema>;

export const addressSchema = z.object({
  object: z.literal('address'),
  id: z.string(),
  street: z.string(),
  house_number: z.string(),
  zip: z.string(),
  city: z.string(),
  created_at: timestampSchema,
});
export type ApiAddress = z.infer<typeof addressSchema>;

export const meterSchema = z.object({
  object: z.literal('meter'),
  id: z.string(),
  melo: z.string().nullable().optional(),
  number: z.string(),
  type: z.enum(['smart', 'analog']),
  malo: z.string().nullable().optional(),
  created_at: timestampSchema,
});
export type ApiMeter = z.infer<typeof meterSchema>;

export const paymentMethodSchema = z.object({
  object: z.literal('payment_method'),
  id: z.string(),
  type: z.literal('sepa_debit'),
  sepa_debit: z.object({ iban: z.string(), account_holder: z.string() }),
  created_at: timestampSchema,
});
export type ApiPaymentMethod = z.infer<typeof paymentMethodSchema>;

export const supplierSchema = z.object({
  object: z.literal('supplier'),
  id: z.string(),
  name: z.string(),
  country: z.string().length(2),
  created_at: timestampSchema,
});
export type ApiSupplier = z.infer<typeof supplierSchema>;

export const subscriptionStatusSchema = z.enum(['pending', 'active', 'ended']);
export type ApiSubscriptionStatus = z.infer<typeof subscriptionStatusSchema>;

// `feed_in` exists from curie on; edison responses may omit `type` entirely,
// which means consumption.
export const subscriptionTypeSchema = z.enum(['consumption', 'feed_in']);
export type ApiSubscriptionType = z.infer<typeof subscriptionTypeSchema>;

const subscriptionCommonShape = {
  object: z.literal('subscription'),
  id: z.string(),
  plan: z.string(),
  number: z.string().nullable().optional(),
  status: subscriptionStatusSchema,
  estimated_usage: z.number(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
  start_at: nullableTimestampSchema.optional(),
  terminated_at: nullableTimestampSchema.optional(),
  end_at: nullableTimestampSchema.optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  type: subscriptionTypeSchema.default('consumption'),
};

/**
 * `GET /subscriptions/{id}`: the related objects are expanded.
 * In the list (`GET /subscriptions`) they are ids instead; see
 * {@link subscriptionListItemSchema}.
 */
export const subscriptionSchema = z.object({
  ...subscriptionCommonShape,
  customer: customerSchema,
  address: addressSchema,
  meter: meterSchema,
  payment_method: paymentMethodSchema,
  supplier: supplierSchema.nullable().optional(),
  billing_address: addressSchema,
});
export type ApiSubscription = z.infer<typeof subscriptionSchema>;

/** An item of `GET /subscriptions`: related objects are referenced by id. */
export const subscriptionListItemSchema = z.object({
  ...subscriptionCommonShape,
  customer: z.string(),
  address: z.string(),
  meter: z.string(),
  payment_method: z.string(),
  supplier: z.string().nullable().optional(),
  billing_address: z.string(),
});
export type ApiSubscriptionListItem = z.infer<typeof subscriptionListItemSchema>;

export const subscriptionListSchema = listSchema(subscriptionListItemSchema);
export type ApiSubscriptionList = z.infer<typeof subscriptionListSchema>;

/** `GET /plans/{id}`. `price` is the monthly base fee in EUR incl. VAT. */
export const planSchema = z.object({
  object: z.literal('plan'),
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  price: z.number(),
  currency: z.string(),
  created_at: timestampSchema,
  type: subscriptionTypeSchema.default('consumption'),
});
export type ApiPlan = z.infer<typeof planSchema>;

export const priceComponentSchema = z.object({
  type: z.enum(['electricity', 'grid', 'levies']),
  amount: z.number().nullable(),
});
export type ApiPriceComponent = z.infer<typeof priceComponentSchema>;

export const priceItemSchema = z.object({
  /** Start of the interval, UTC. */
  timestamp: timestampSchema,
  /** All-in ct/kWh incl. VAT. MAY be null when part of the price is missing: never treat null as cheap. */
  amount: z.number().nullable(),
  components: z.array(priceComponentSchema),
});
export type ApiPriceItem = z.infer<typeof priceItemSchema>;

export const priceResolutionSchema = z.enum(['hourly', '15min']);
export type ApiPriceResolution = z.infer<typeof priceResolutionSchema>;

/** `GET /subscriptions/{id}/prices?start&end`. */
export const priceSchema = z.object({
  object: z.literal('price'),
  subscription: z.string(),
  period: z.object({
    /** 00:00:00 local time of `start`, in UTC. */
    start: timestampSchema,
    /** 23:59:59 local time of `end`, in UTC. */
    end: timestampSchema,
  }),
  unit: z.string(),
  currency: z.string(),
  resolution: priceResolutionSchema,
  reference: z.string(),
  /** Null when the subscription is not active on those days. */
  items: z.array(priceItemSchema).nullable(),
});
export type ApiPrice = z.infer<typeof priceSchema>;

export const usageResolutionSchema = z.enum(['15min', 'hour', 'day', 'week', 'month']);
export type ApiUsageResolution = z.infer<typeof usageResolutionSchema>;

export const usageItemSchema = z.object({
  start: timestampSchema,
  /** kWh, a positive magnitude for consumption and feed-in alike. */
  usage: z.number(),
  type: z.enum(['final', 'preliminary']),
});
export type ApiUsageItem = z.infer<typeof usageItemSchema>;

/**
 * `GET /subscriptions/{id}/usage` (curie) and `/consumption` (edison).
 * The sandbox sends the same shape on both versions.
 */
export const usageSchema = z.object({
  object: z.literal('usage'),
  meter_type: z.enum(['analog', 'smart']),
  resolution: usageResolutionSchema,
  data: z.array(usageItemSchema),
});
export type ApiUsage = z.infer<typeof usageSchema>;

/** `POST /oauth/token` success body, for every grant. */
export const tokenResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number(),
  refresh_token: z.string(),
  /** Space-delimited: `read:*` for customer tokens, `read:* write:*` for organisation tokens. */
  scope: z.string(),
});
export type ApiTokenResponse = z.infer<typeof tokenResponseSchema>;

/** RFC 8414 metadata at `/.well-known/oauth-authorization-server`. */
export const authorizationServerMetadataSchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.string(),
  token_endpoint: z.string(),
  response_types_supported: z.array(z.string()),
  grant_types_supported: z.array(z.string()).optional(),
  code_challenge_methods_supported: z.array(z.string()).optional(),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
});
export type ApiAuthorizationServerMetadata = z.infer<typeof authorizationServerMetadataSchema>;

/** The API versions this project knows; `X-API-Version` pins one per request. */
export const apiVersionSchema = z.enum(['2026-05-27.curie', '2026-01-29.edison']);
export type ApiVersion = z.infer<typeof apiVersionSchema>;

/** `YYYY-MM-DD`, the date format of `start`/`end` query parameters. */
export const apiDateSchema = localDateSchema;
