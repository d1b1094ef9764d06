import type { Metadata } from 'next';

import { ButtonLink } from '@/components/ui/button-link';
import {
  authErrorReasons,
  isAuthErrorReason,
  isPlausibleRequestId,
  reasonForAuthJsError,
} from '@/lib/auth/auth-error';

export const metadata: Metadata = { title: 'Connection not completed' };

export default async function AuthErrorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const reason =
    typeof params.reason === 'string' && isAuthErrorReason(params.reason)
      ? params.reason
      : typeof params.error === 'string'
        ? reasonForAuthJsError(params.error)
        : 'expired';
  const requestId = typeof params.requestId === 'string' ? params.requestId : undefined;
  const { title, text } = authErrorReasons[reason];
  return (
    <section className="mx-auto max-w-xl py-12 text-center" data-reason={reason}>
      <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
      <p className="mt-4 text-slate-600 dark:text-slate-300">{text}</p>
      {isPlausibleRequestId(requestId) && (
        <p className="mt-4 text-sm text-slate-500 dark:text-slate-400">
          Nomos request ID for support: <code className="font-mono">{requestId}</code>
        </p>
      )}
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <ButtonLink href="/auth/login">Try again</ButtonLink>
        <ButtonLink href="/" variant="secondary">
          Back to the start
        </ButtonLink>
      </div>
    </section>
  );
}
