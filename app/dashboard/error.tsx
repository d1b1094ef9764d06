'use client';

import { useTranslations } from 'next-intl';

/** Last line of defence: errors that are not Nomos failures (those are shown in place). */
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('DashboardError');
  return (
    <div role="alert" className="rounded-xl border border-red-300 bg-red-50 p-5 dark:border-red-800 dark:bg-red-950/60">
      <h2 className="text-lg font-semibold">{t('title')}</h2>
      {error.digest && (
        <p className="mt-2 text-sm">
          {t('reference')} <code>{error.digest}</code>
        </p>
      )}
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
      >
        {t('tryAgain')}
      </button>
    </div>
  );
}
