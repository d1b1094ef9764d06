import { useLocale, useTranslations } from 'next-intl';

import { clientMessagesText } from '@/lib/i18n/messages';

import { durationOptions, normalizeDuration } from '@/lib/prices/cheapest-window';
import type { Resolution } from '@/lib/prices/types';
import { answerWindow, trimAnswer, type WindowQuery } from '@/lib/prices/window-answer';
import { CheapestWindowFormText } from './cheapest-window-form';
import type { WindowShare } from './window-actions';

export type CheapestWindowProps = Omit<WindowQuery, 'durationMinutes'> & {
  durationMinutes: number;
  resolution: Resolution;
  /** Query parameters to preserve as hidden inputs (`duration` is the form's own). */
  searchParams?: Record<string, string>;
  /** Key of the chart whose highlight follows the form. */
  chartKey?: string;
  headingLevel?: 'h2' | 'h3';
  share?: WindowShare;
};

/**
 * "When should it run?": the cheapest window (for feed-in, the best-paid
 * one) for a chosen duration. Works as a plain GET form; see
 * `CheapestWindowForm` for the in-place update with JavaScript.
 */
export function CheapestWindow({
  durationMinutes,
  resolution,
  searchParams = {},
  chartKey,
  headingLevel = 'h2',
  share,
  ...query
}: CheapestWindowProps) {
  const Heading = headingLevel;
  const t = useTranslations('Window');
  const locale = useLocale();
  // The answer for every duration offered, worked out here: the browser
  // switches between them without the prices themselves.
  const answers = durationOptions(resolution).map((minutes) =>
    trimAnswer(answerWindow({ ...query, durationMinutes: minutes })),
  );
  const hiddenParams = Object.entries(searchParams).filter(([name]) => name !== 'duration');
  return (
    <div>
      <Heading className="mb-3 text-lg font-semibold">{t('heading', { kind: query.kind })}</Heading>
      {/* The form's own messages, sent only with it. */}
      <CheapestWindowFormText
        locale={locale}
        messages={clientMessagesText(locale, ['Window'])}
        answers={JSON.stringify(answers)}
        kind={query.kind}
        live={query.live}
        nextDayPublished={query.nextDayPublished}
        initialDuration={normalizeDuration(durationMinutes, resolution)}
        hiddenParams={hiddenParams}
        chartKey={chartKey}
        share={share}
      />
    </div>
  );
}
