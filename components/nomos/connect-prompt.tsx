import { useTranslations } from 'next-intl';

import { ButtonLink } from '@/components/ui/button-link';

/** Shown where a connection is needed: none yet, or the last one has ended. */
export function ConnectPrompt({ returnTo, ended = false }: { returnTo: string; ended?: boolean }) {
  const t = useTranslations('Connect');
  return (
    <section className="mx-auto max-w-xl py-10 text-center">
      <h1 className="text-2xl font-bold tracking-tight">{ended ? t('endedTitle') : t('title')}</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-300">{ended ? t('endedText') : t('text')}</p>
      <div className="mt-6">
        <ButtonLink href={`/auth/login?returnTo=${encodeURIComponent(returnTo)}`}>{t('button')}</ButtonLink>
      </div>
    </section>
  );
}
