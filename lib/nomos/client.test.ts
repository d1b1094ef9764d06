import { afterEach, describe, expect, it, vi } from 'vitest';

const settings = vi.hoisted(() => ({ apiVersion: '2026-05-27.curie' }));
vi.mock('@/lib/config', () => ({
  config: {
    nomos: {
      apiUrl: 'https://api.nomos.example',
      timeoutMs: 8000,
      get apiVersion() {
        return settings.apiVersion;
      },
    },
  },
}));

const { getUsage } = await import('./client');

function stubFetch() {
  const fetchMock = vi.fn<(input: URL | RequestInfo, init?: RequestInit) => Promise<Response>>(async () =>
    Response.json({ object: 'usage', meter_type: 'smart', resolution: '15min', data: [] }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

describe('getUsage', () => {
  it('asks edison for /consumption, which is its name for usage', async () => {
    settings.apiVersion = '2026-01-29.edison';
    const fetchMock = stubFetch();
    await getUsage('token', 'sub_1', '2026-11-20', '2026-11-21');
    const url = new URL(String(fetchMock.mock.calls[0]?.[0]));
    expect(url.pathname).toBe('/subscriptions/sub_1/consumption');
    expect(new Headers(fetchMock.mock.calls[0]?.[1]?.headers).get('x-api-version')).toBe('2026-01-29.edison');
  });

  it('asks curie for /usage at 15-minute resolution, end exclusive', async () => {
    settings.apiVersion = '2026-05-27.curie';
    const fetchMock = stubFetch();
    await getUsage('token', 'sub_1', '2026-11-20', '2026-11-21');
    const url = new URL(String(fetchMock.mock.calls[0]?.[0]));
    expect(url.pathname).toBe('/subscriptions/sub_1/usage');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      start: '2026-11-20',
      end: '2026-11-21',
      resolution: '15min',
    });
  });
});
