import { getTranslations } from 'next-intl/server';

import { ButtonLink } from '@/components/ui/button-link';
import { getSession } from '@/lib/auth/session/session';

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [params, session, t] = await Promise.all([searchParams, getSession(), getTranslations('Home')]);
  const ended = params.connection === 'ended';
  const logoutIncomplete = params.logout === 'incomplete';
  const alertsContinue = params.logout === 'alerts-continue';
  return (
    <section className="mx-auto max-w-2xl py-12 text-center">
      {ended && (
        <p
          role="status"
          className="mb-8 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          {t('ended')}
        </p>
      )}
      {logoutIncomplete && (
        <p
          role="alert"
          className="mb-8 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          {t('logoutIncomplete')}
        </p>
      )}
      {alertsContinue && (
        <p
          role="status"
          className="mb-8 rounded-lg border border-slate-300 bg-slate-50 px-4 py-3 text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        >
          {t('logoutAlertsContinue')}
        </p>
      )}
      <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{t('title')}</h1>
      <p className="mt-4 text-lg text-slate-600 dark:text-slate-300">{t('intro')}</p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        {session ? (
          <ButtonLink href="/dashboard">{t('seePrices')}</ButtonLink>
        ) : (
          <ButtonLink href="/auth/login">{t('connect')}</ButtonLink>
        )}
      </div>
      <p className="mt-4 text-sm text-slate-500 dark:text-slate-400">{t('privacy')}</p>
      {!session && (
        <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">
          {t('newToNomos')}{' '}
          <a className="font-medium text-brand-700 underline dark:text-brand-500" href="/auth/login?flow=signup">
            {t('signUp')}
          </a>
        </p>
      )}
    </section>
  );
}
