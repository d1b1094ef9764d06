import { useTranslations } from 'next-intl';

import { useFormat } from '@/lib/i18n/use-format';
import type { Saving, SubscriptionKind } from '@/lib/prices/cheapest-window';
import type { WindowAnswer } from '@/lib/prices/window-answer';

/** The answer block shared by the server render and the client leaf. */
export function CheapestWindowAnswer({
  answer,
  kind,
  live,
  nextDayPublished,
}: {
  answer: WindowAnswer;
  kind: SubscriptionKind;
  live: boolean;
  nextDayPublished: boolean;
}) {
  const t = useTranslations('Window');
  const format = useFormat();
  const { result } = answer;
  const duration = format.duration(answer.durationMinutes);
  const unpublished = !nextDayPublished && live;
  const bold = (chunks: React.ReactNode) => <strong className="tabular-nums">{chunks}</strong>;
  const saving = (key: 'vsNow' | 'vsDay', { ct, percent }: Saving) => {
    const price = format.price(Math.abs(ct));
    return t.rich(key, {
      kind,
      better: String(ct >= 0),
      amount: percent === null ? price : t('amount', { price, percent: format.percent(Math.abs(percent)) }),
      b: bold,
    });
  };

  if (result.kind === 'no-prices') {
    return <p>{unpublished ? t('noPricesUnpublished', { kind }) : t('noPrices', { kind })}</p>;
  }
  if (result.kind === 'too-long') {
    return (
      <p>
        {t.rich('tooLong', {
          kind,
          live: String(live),
          available: format.duration(result.availableMinutes),
          duration,
          b: (chunks) => <strong>{chunks}</strong>,
        })}{' '}
        {unpublished ? t('shorterUnpublished') : t('shorter')}
      </p>
    );
  }

  return (
    <div
      className="space-y-3"
      data-testid="cheapest-window"
      data-start={result.start}
      data-end={result.end}
      data-average={result.average}
    >
      <p>
        <span className="block text-sm text-slate-600 dark:text-slate-400">
          {answer.startDay
            ? t('labelOn', {
                kind,
                duration,
                day: answer.startDay.tomorrow ? 'tomorrow' : 'other',
                date: format.shortDate(answer.startDay.date),
              })
            : t('label', { kind, duration })}
        </span>
        <span className="text-2xl font-bold tabular-nums">{format.timeRange(result.start, result.end)}</span>
        {result.startsNow && live ? (
          <span className="ml-2 font-semibold text-emerald-700 dark:text-emerald-300">{t('startNow', { kind })}</span>
        ) : null}
      </p>
      <p>
        {t.rich('average', { price: format.price(result.average), b: bold })}
        {result.end - result.start > answer.durationMinutes * 60_000 ? (
          <span className="text-sm text-slate-600 dark:text-slate-400"> {t('roundedUp')}</span>
        ) : null}
      </p>
      <ul className="space-y-1 text-sm">
        {live ? (
          <li>
            {result.startsNow
              ? t('startsNow', { kind })
              : answer.vsNow
                ? saving('vsNow', answer.vsNow)
                : t('noComparison', { kind, duration })}
          </li>
        ) : null}
        {answer.vsDay ? <li>{saving('vsDay', answer.vsDay)}</li> : null}
      </ul>
    </div>
  );
}
