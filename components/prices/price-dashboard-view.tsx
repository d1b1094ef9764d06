import { useTranslations } from 'next-intl';

import { Card } from '@/components/ui/card';
import { derived } from '@/lib/derived';
import { useFormat } from '@/lib/i18n/use-format';
import { addDays, intervalMinutes, startOfBerlinDay } from '@/lib/prices/berlin-time';
import { normalizeDuration } from '@/lib/prices/cheapest-window';
import { dashboardWindowScope } from '@/lib/prices/dashboard-window';
import { currentInterval, dayStats } from '@/lib/prices/stats';
import type { PriceSeries } from '@/lib/prices/types';
import { CheapestWindow } from './cheapest-window';
import { LiveRefresh } from './live-refresh';
import { PriceChart, type PriceChartView } from './price-chart';
import { PriceHeadline } from './price-headline';
import { packRows, priceRows } from './price-rows';
import { PriceTable } from './price-table';
import { highlightOf } from './window-band';
import { windowOptions } from './window-text';
import type { SubscriptionKind } from '@/lib/prices/cheapest-window';

export type PriceDashboardViewProps = {
  series: PriceSeries;
  /** The current instant, epoch ms (from the server, so server and browser agree). */
  now: number;
  /** Berlin date of the day shown; today unless the customer browses history. */
  date: string;
  durationMinutes: number;
  kind: SubscriptionKind;
  view: PriceChartView;
  /** The page's query parameters, to build links and hidden form inputs. */
  searchParams: Record<string, string>;
  /** The app's public URL, for the calendar export and the copyable link; without it neither is shown. */
  appUrl?: string;
  /**
   * The browser has shown that it runs JavaScript (`hems_js`): the table's
   * rows are built when it is opened instead of sent in the HTML, and the
   * chart is a tab stop from the start. Without it (the default) the page
   * works without scripts.
   */
  scripts?: boolean;
};

function hrefWith(searchParams: Record<string, string>, changes: Record<string, string | null>): string {
  const params = new URLSearchParams(searchParams);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) params.delete(name);
    else params.set(name, value);
  }
  const query = params.toString();
  return query ? `?${query}` : '?';
}

/**
 * The price page for one subscription: headline, chart, cheapest window and
 * the full table, composed from server components.
 *
 * When `date` is today the page is "live": the headline shows now, the chart
 * marks now, and the window search starts at now and may run into tomorrow.
 * For any other date (history, or a day ahead) there is no "now": the
 * headline shows that day's figures and the window is searched from that
 * day's midnight across that day and the next if present, because a load
 * started late in the evening may run past midnight.
 */
export function PriceDashboardView({
  series,
  now,
  date,
  durationMinutes,
  kind,
  view,
  searchParams,
  appUrl,
  scripts = false,
}: PriceDashboardViewProps) {
  const t = useTranslations('Prices');
  const tChart = useTranslations('Chart');
  const tWindow = useTranslations('Window');
  const format = useFormat();
  const {
    days,
    intervals,
    from,
    live,
    dayAverages,
    nextDayPublished: nextPublished,
  } = dashboardWindowScope(series, now, date);
  const next = addDays(date, 1);
  const stats = dayStats(intervals, date);
  const duration = normalizeDuration(durationMinutes, series.resolution);
  const query = { intervals, from, live, date, kind, dayAverages, nextDayPublished: nextPublished };
  const relativeDays = live ? ({ [date]: 'today', [next]: 'tomorrow' } as const) : {};

  const current = live ? currentInterval(intervals, now) : undefined;
  // Formatted once, for the chart's tooltip and the table alike, and kept
  // with the cached series (the same day and language give the same rows).
  const rows = derived([series], `${format.locale}:${date}:${live}`, () =>
    packRows(priceRows(intervals, startOfBerlinDay(date), format), intervalMinutes(series.resolution)),
  );

  // The form's answer for each duration, found and written once per day,
  // language and current interval (all a search from now depends on), and
  // kept with the cached series; the chart's band is the chosen duration's.
  const windows = derived(
    [series],
    `window:${format.locale}:${date}:${live}:${kind}:${current?.start ?? query.from}`,
    () => {
      const options = windowOptions(query, series.resolution, { t: tWindow, format });
      return { options, text: JSON.stringify(options) };
    },
  );
  const chartKey = `window-${date}`;
  const highlight = {
    chartKey,
    window: highlightOf(windows.options.find((option) => option.minutes === duration)),
  };

  return (
    <div className="space-y-6">
      {current ? <LiveRefresh at={current.end} now={now} /> : null}
      {live && !nextPublished ? (
        <p
          role="status"
          className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100"
        >
          {t.rich('unpublishedNotice', { strong: (chunks) => <strong className="font-semibold">{chunks}</strong> })}
        </p>
      ) : null}

      <Card aria-labelledby="price-headline-heading">
        <h2 id="price-headline-heading" className="sr-only">
          {live ? t('headline.currentHeading', { kind }) : t('headline.dayOverview')}
        </h2>
        <PriceHeadline stats={stats} current={current} kind={kind} />
      </Card>

      <Card aria-label={tChart('region')}>
        <PriceChart
          intervals={intervals}
          days={days}
          now={live ? now : null}
          highlight={highlight}
          view={view}
          viewHrefs={{
            total: hrefWith(searchParams, { view: null }),
            components: hrefWith(searchParams, { view: 'components' }),
          }}
          unpublishedNote={t('unpublished')}
          relativeDays={relativeDays}
          title={tChart('title', { kind })}
          rows={rows}
          scripts={scripts}
        />
      </Card>

      <Card>
        <CheapestWindow
          kind={kind}
          optionsText={windows.text}
          durationMinutes={duration}
          resolution={series.resolution}
          searchParams={searchParams}
          chartKey={chartKey}
          share={
            appUrl && searchParams.subscription ? { appUrl, subscription: searchParams.subscription, date } : undefined
          }
          scripts={scripts}
        />
      </Card>

      <PriceTable
        intervals={intervals}
        days={days}
        now={live ? now : null}
        kind={kind}
        rows={rows}
        rowsInHtml={!scripts}
      />
    </div>
  );
}
