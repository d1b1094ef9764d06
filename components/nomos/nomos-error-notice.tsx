import { ButtonLink } from '@/components/ui/button-link';

const HEADINGS = {
  unavailable: 'Nomos could not be reached just now',
  'store-unavailable': 'Your connection could not be renewed just now',
  rejected: 'Nomos answered with an error',
} as const;

/**
 * What the person sees when Nomos fails: what happened in plain words, the
 * Nomos request id for support, and a way to try again. The session stays.
 */
export function NomosErrorNotice({
  reason,
  message,
  requestId,
  retryHref,
}: {
  reason: 'unavailable' | 'store-unavailable' | 'rejected';
  message: string;
  requestId?: string;
  retryHref: string;
}) {
  return (
    <div
      role="alert"
      className="rounded-xl border border-red-300 bg-red-50 p-5 text-red-950 dark:border-red-800 dark:bg-red-950/60 dark:text-red-50"
    >
      <h2 className="text-lg font-semibold">
        {HEADINGS[reason]}
      </h2>
      <p className="mt-2">
        {message}. Your connection is still in place; please try again in a moment.
      </p>
      {requestId && (
        <p className="mt-2 text-sm">
          Request ID for Nomos support: <code className="font-mono break-all">{requestId}</code>
        </p>
      )}
      <div className="mt-4">
        <ButtonLink href={retryHref} prefetch={false}>
          Try again
        </ButtonLink>
      </div>
    </div>
  );
}
