import { useTranslations } from 'next-intl';

import { normalizeDuration, type SubscriptionKind } from '@/lib/prices/cheapest-window';
import type { Resolution } from '@/lib/prices/types';
import { CheapestWindowFormText } from './cheapest-window-form';
import type { WindowShare } from './window-actions';

export type CheapestWindowProps = {
  kind: SubscriptionKind;
  /** The form's options as JSON text: `JSON.stringify(windowOptions(…))`, kept with the cached prices by the page. */
  optionsText: string;
  durationMinutes: number;
  resolution: Resolution;
  /** Query parameters to preserve as hidden inputs (`duration` is the form's own). */
  searchParams?: Record<string, string>;
  /** Key of the chart whose highlight follows the form. */
  chartKey?: string;
  headingLevel?: 'h2' | 'h3';
  share?: WindowShare;
  /** The browser has shown that it runs JavaScript: the copy button is in the HTML already. */
  scripts?: boolean;
};

/**
 * "When should it run?": the cheapest window (for feed-in, the best-paid
 * one) for a chosen duration. Works as a plain GET form; see
 * `CheapestWindowForm` for the in-place update with JavaScript.
 */
export function CheapestWindow({
  kind,
  optionsText,
  durationMinutes,
  resolution,
  searchParams = {},
  chartKey,
  headingLevel = 'h2',
  share,
  scripts = false,
}: CheapestWindowProps) {
  const Heading = headingLevel;
  const t = useTranslations('Window');
  const hiddenParams = Object.entries(searchParams).filter(([name]) => name !== 'duration');
  return (
    <div>
      <Heading className="mb-3 text-lg font-semibold">{t('heading', { kind })}</Heading>
      <CheapestWindowFormText
        options={optionsText}
        words={{
          durationLabel: t('durationLabel', { kind }),
          submit: t('submit', { kind }),
          calendar: t('calendar'),
          link: t('link'),
          copy: t('copy'),
          copied: t('copied'),
        }}
        initialDuration={normalizeDuration(durationMinutes, resolution)}
        hiddenParams={hiddenParams}
        chartKey={chartKey}
        share={share}
        scripts={scripts}
      />
    </div>
  );
}
