import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';

import { ConnectPrompt } from '@/components/nomos/connect-prompt';
import { NomosErrorNotice } from '@/components/nomos/nomos-error-notice';
import { NoSubscription } from '@/components/subscriptions/subscription-state';
import { renewPath } from '@/lib/auth/refresh/renew-path';
import type { PageFailure } from '@/lib/dashboard/page-state';

/**
 * What a page about a subscription shows instead of it: connect, connect
 * again (or first renew a token Nomos refused), the Nomos error with its request id, or that there is none.
 * `header` is the page's own heading, shown above the last two.
 */
export function PageFailureView({ state, here, header }: { state: PageFailure; here: string; header: ReactNode }) {
  switch (state.kind) {
    case 'not-connected':
      return <ConnectPrompt returnTo={here} />;
    case 'connection-ended':
      return <ConnectPrompt returnTo={here} ended />;
    case 'token-refused':
      // The proxy renews the grant there and sends the browser back here.
      return redirect(renewPath(here));
    case 'nomos-error':
      return (
        <>
          {header}
          <NomosErrorNotice reason={state.reason} requestId={state.requestId} retryHref={here} />
        </>
      );
    case 'no-subscription':
      return (
        <>
          {header}
          <NoSubscription />
        </>
      );
  }
}
