import { z } from 'zod';

// The one error envelope of every Nomos endpoint, OAuth included: here, beside the
// error type, so that errors do not pull in every wire schema; `schemas.ts` re-exports it.

export const nomosErrorCodeSchema = z.enum([
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'PAYMENT_REQUIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'UNPROCESSABLE_ENTITY',
  'TOO_MANY_REQUESTS',
  'INTERNAL_SERVER_ERROR',
]);
export type ApiErrorCode = z.infer<typeof nomosErrorCodeSchema>;

/** The one error envelope of every Nomos endpoint, OAuth included. */
export const nomosErrorSchema = z.object({
  code: nomosErrorCodeSchema,
  message: z.string(),
  requestId: z.string(),
  docs: z.string(),
});
export type ApiError = z.infer<typeof nomosErrorSchema>;

/**
 * Where a failed Nomos call leaves the person:
 * - `connection-ended`: the grant is gone (revoked consent, expired or reused refresh token): connect again;
 * - `unavailable`: Nomos did not answer usefully (timeout, 429, 5xx): try again later, the session stays;
 * - `rejected`: anything else, a bug on one side or the other.
 */
export const NOMOS_ERROR_KINDS = ['connection-ended', 'unavailable', 'rejected'] as const;
export type NomosErrorKind = (typeof NOMOS_ERROR_KINDS)[number];

/** `NomosError.details.code` of a token call whose outcome is unknown: Nomos may have processed it (rotated the token). */
export const OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN';
/** `NomosError.details.code` of a token response that arrived (200) but that this app cannot use. */
export const UNUSABLE_TOKEN_RESPONSE = 'UNUSABLE_TOKEN_RESPONSE';

/**
 * A failed call to Nomos, with the fields of its error envelope. Show
 * `requestId` to the person: Nomos support can find the request by it.
 */
const nomosErrorBrand = Symbol.for('nomos-hems.nomos-error');

export class NomosError extends Error {
  override readonly name = 'NomosError';
  readonly [nomosErrorBrand] = true;

  /**
   * Next.js bundles the proxy and each route apart, each with its own copy
   * of this class, while the refresh coordinator lives once per process:
   * whichever bundle created it throws its copy. `instanceof` recognises
   * every copy by a registered symbol.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && nomosErrorBrand in value;
  }

  constructor(
    readonly kind: NomosErrorKind,
    message: string,
    readonly details: { status?: number; code?: string; requestId?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
  }

  get requestId() {
    return this.details.requestId;
  }
}

/** Reads the Nomos error envelope of a failed response, whatever its shape. */
export async function nomosErrorFromResponse(response: Response, context: string): Promise<NomosError> {
  return nomosErrorFromBody(response, await response.json().catch(() => null), context);
}

/** The same, for a body that was already read. */
export function nomosErrorFromBody(response: Response, body: unknown, context: string): NomosError {
  const parsed = nomosErrorSchema.safeParse(body);
  const envelope = parsed.success ? parsed.data : undefined;
  const status = response.status;
  const kind: NomosErrorKind =
    status === 429 || status >= 500 ? 'unavailable' : status === 401 ? 'connection-ended' : 'rejected';
  return new NomosError(kind, envelope?.message ?? `${context} failed with HTTP ${status}`, {
    status,
    code: envelope?.code,
    requestId: envelope?.requestId ?? response.headers.get('x-request-id') ?? undefined,
  });
}

/** Timeouts and network failures: Nomos is unavailable, not the person's fault. */
export function nomosErrorFromException(error: unknown, context: string): NomosError {
  if (error instanceof NomosError) return error;
  const timedOut = error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
  return new NomosError('unavailable', timedOut ? `${context} timed out` : `${context} could not reach Nomos`, {
    cause: error,
  });
}
