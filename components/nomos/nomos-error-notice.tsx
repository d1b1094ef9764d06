import { useTranslations } from 'next-intl';

import { ButtonLink } from '@/components/ui/button-link';
import type { NomosErrorReason } from '@/lib/dashboard/page-state';

/**
 * What the person sees when Nomos fails: what happened in plain words, the
 * Nomos request id for support, and a way to try again. The session stays.
 * The technical message stays in the server's log: it is Nomos' or the
 * app's wording, not the customer's language.
 */
export function NomosErrorNotice({
  reason,
  requestId,
  retryHref,
}: {
  reason: NomosErrorReason;
  requestId?: string;
  retryHref: string;
}) {
  const t = useTranslations('NomosError');
  return (
    <div
      role="alert"
      className="rounded-xl border border-red-300 bg-red-50 p-5 text-red-950 dark:border-red-800 dark:bg-red-950/60 dark:text-red-50"
    >
      <h2 className="text-lg font-semibold">{t(`${reason}.title`)}</h2>
      <p className="mt-2">{t(`${reason}.text`)}</p>
      {requestId && (
        <p className="mt-2 text-sm">
          {t('requestId')} <code className="font-mono break-all">{requestId}</code>
        </p>
      )}
      <div className="mt-4">
        <ButtonLink href={retryHref} prefetch={false}>
          {t('tryAgain')}
        </ButtonLink>
      </div>
    </div>
  );
}
