import { useTranslations } from 'next-intl';

import type { SubscriptionKind } from '@/lib/prices/cheapest-window';
import { useFormat } from '@/lib/i18n/use-format';
import type { CostRow } from '@/lib/usage/cost';

import { UsageTableDetails, type UsageRow } from './usage-table-details';

/**
 * Every quarter-hour of the day as a table, collapsed by default: the text
 * equivalent of the chart. Formatted here; the rows are laid out by the
 * client leaf, in the HTML only for a browser without JavaScript.
 */
export function UsageTable({
  rows,
  date,
  kind,
  rowsInHtml = true,
}: {
  rows: CostRow[];
  date: string;
  kind: SubscriptionKind;
  rowsInHtml?: boolean;
}) {
  const t = useTranslations('Usage.table');
  const format = useFormat();
  const formatted: UsageRow[] = rows.map((row) => [
    format.timeRange(row.start, row.end),
    row.kwh === null ? null : format.kwhNumber(row.kwh),
    row.price === null ? null : format.priceNumber(row.price),
    row.costCt === null ? null : format.priceNumber(row.costCt),
  ]);
  return (
    <UsageTableDetails
      rows={formatted}
      rowsInHtml={rowsInHtml}
      words={{
        show: t('show'),
        caption: t('caption', { kind, date: format.date(date) }),
        time: t('time'),
        energy: t('energy', { kind }),
        price: t('price', { kind }),
        money: t('money', { kind }),
        noReading: t('noReading'),
        noPrice: t('noPrice'),
      }}
    />
  );
}
