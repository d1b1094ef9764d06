/**
 * The sandbox's own environment, parsed once. Every invalid field is
 * reported together so one run shows everything to fix.
 */
import { z } from 'zod';

const origins = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const list = value
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    for (const origin of list) {
      if (!URL.canParse(origin)) ctx.addIssue({ code: 'custom', message: `'${origin}' is not a URL` });
    }
    return list;
  });

/**
 * SANDBOX_NULL_PRICES and SANDBOX_MISSING_USAGE: unset/"0" = off,
 * "1"/"true" = a deterministic 5 % sprinkle, a number between 0 and 1 =
 * that share of intervals.
 */
const shareSchema = () =>
  z
    .string()
    .default('0')
    .transform((value, ctx) => {
      if (value === 'true' || value === '1') return 0.05;
      if (value === 'false' || value === '') return 0;
      const share = Number(value);
      if (!Number.isFinite(share) || share < 0 || share > 1) {
        ctx.addIssue({ code: 'custom', message: 'expected 0, 1, true, false or a share between 0 and 1' });
        return 0;
      }
      return share;
    });

export const sandboxEnvSchema = z.object({
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  SANDBOX_HOST: z.string().min(1).default('127.0.0.1'),
  SANDBOX_REDIRECT_ORIGINS: origins,
  SANDBOX_ACCESS_TOKEN_TTL: z.coerce.number().int().min(1).max(86_400).default(3600),
  SANDBOX_NULL_PRICES: shareSchema(),
  /** Same values: the share of quarter-hours without a meter reading ("delays or missing data may occur"). */
  SANDBOX_MISSING_USAGE: shareSchema(),
  SANDBOX_REVOCATION_ENDPOINT: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('0')
    .transform((value) => value === '1' || value === 'true'),
});

export type SandboxEnv = z.infer<typeof sandboxEnvSchema>;

export function parseSandboxEnv(
  env: Record<string, string | undefined>,
): { ok: true; env: SandboxEnv } | { ok: false; errors: string[] } {
  const result = sandboxEnvSchema.safeParse(env);
  if (result.success) return { ok: true, env: result.data };
  return { ok: false, errors: result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
}
