import { checkHealth } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** `GET /api/health`: 200 when Nomos discovery and the shared store are up, 503 otherwise. */
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}
