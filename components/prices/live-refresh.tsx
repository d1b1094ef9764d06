'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Re-renders the page from the server when the current interval ends, so a
 * dashboard left open on a wall tablet moves "now" along and picks up
 * tomorrow's prices once they are published. Without JavaScript the page
 * simply stays as it was rendered.
 */
export function LiveRefresh({ at, now }: { at: number; now: number }) {
  const router = useRouter();
  useEffect(() => {
    // A few seconds late, so the server's clock is surely past the boundary.
    const delay = Math.max(5_000, at - now + 3_000);
    const timer = window.setTimeout(() => router.refresh(), delay);
    return () => window.clearTimeout(timer);
  }, [at, now, router]);
  return null;
}
