/**
 * Members a refresh-grant response may leave out under RFC 6749, switched by
 * POST /__sandbox/token-response: `scope` when unchanged (§5.1), `expires_in`
 * (only RECOMMENDED, §5.1), `refresh_token` when the server keeps the old one (§6).
 */
export const OMITTABLE_TOKEN_FIELDS = ['scope', 'expires_in', 'refresh_token'] as const;
export type OmittableTokenField = (typeof OMITTABLE_TOKEN_FIELDS)[number];
