import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';

import { ButtonLink } from '@/components/ui/button-link';
import {
  isAuthErrorReason,
  isPlausibleRequestId,
  reasonForAuthJsError,
  type AuthErrorReason,
} from '@/lib/auth/sign-in/auth-error';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function reasonOf(params: Awaited<SearchParams>): AuthErrorReason {
  if (typeof params.reason === 'string' && isAuthErrorReason(params.reason)) return params.reason;
  return typeof params.error === 'string' ? reasonForAuthJsError(params.error) : 'expired';
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const [params, t] = await Promise.all([searchParams, getTranslations('AuthError')]);
  return { title: t(`${reasonOf(params)}.title`) };
}

export default async function AuthErrorPage({ searchParams }: { searchParams: SearchParams }) {
  const [params, t] = await Promise.all([searchParams, getTranslations('AuthError')]);
  const reason = reasonOf(params);
  const requestId = typeof params.requestId === 'string' ? params.requestId : undefined;
  return (
    <section className="mx-auto max-w-xl py-12 text-center" data-reason={reason}>
      <h1 className="text-2xl font-bold tracking-tight">{t(`${reason}.title`)}</h1>
      <p className="mt-4 text-slate-600 dark:text-slate-300">{t(`${reason}.text`)}</p>
      {isPlausibleRequestId(requestId) && (
        <p className="mt-4 text-sm text-slate-500 dark:text-slate-400">
          {t('requestId')} <code className="font-mono">{requestId}</code>
        </p>
      )}
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <ButtonLink href="/auth/login">{t('tryAgain')}</ButtonLink>
        <ButtonLink href="/" variant="secondary">
          {t('back')}
        </ButtonLink>
      </div>
    </section>
  );
}
