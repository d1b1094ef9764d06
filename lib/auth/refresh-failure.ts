/**
 * When the proxy cannot refresh because Nomos is unavailable, it keeps the
 * session and tells the page through this request header, so the page can
 * show the Nomos `requestId`. The proxy strips any incoming copy first.
 */
export const REFRESH_FAILURE_HEADER = 'x-nomos-refresh-failure';

export type RefreshFailure = {
  /** `unavailable` (Nomos did not answer usefully) or `rejected` (it answered with something this app cannot use). */
  kind: 'unavailable' | 'rejected';
  message: string;
  requestId?: string;
  code?: string;
};

export function encodeRefreshFailure(failure: RefreshFailure): string {
  return encodeURIComponent(JSON.stringify(failure));
}

export function decodeRefreshFailure(value: string | null): RefreshFailure | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(decodeURIComponent(value));
    if (typeof parsed !== 'object' || parsed === null || !('message' in parsed)) return null;
    const { kind, message, requestId, code } = parsed as {
      kind?: unknown;
      message: unknown;
      requestId?: unknown;
      code?: unknown;
    };
    return typeof message === 'string'
      ? {
          kind: kind === 'rejected' ? 'rejected' : 'unavailable',
          message,
          requestId: typeof requestId === 'string' ? requestId : undefined,
          code: typeof code === 'string' ? code : undefined,
        }
      : null;
  } catch {
    return null;
  }
}
