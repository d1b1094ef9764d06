'use client';

import { LazyDetails } from '@/components/ui/lazy-details';

import { PeriodTable, type PeriodTableData } from './period-table';

/**
 * A period's table collapsed under its totals (the month's, whose days
 * repeat the week's and run to 31 rows): built when it is first opened, or
 * sent in the HTML for a browser without JavaScript (`rowsInHtml`).
 */
export function PeriodDetails({
  data,
  summary,
  rowsInHtml,
}: {
  data: PeriodTableData;
  summary: React.ReactNode;
  rowsInHtml: boolean;
}) {
  return (
    <LazyDetails
      summary={summary}
      contentInHtml={rowsInHtml}
      className="rounded-lg border border-slate-200 dark:border-slate-800"
      summaryClassName="cursor-pointer rounded-lg px-3 py-2 select-none hover:bg-slate-50 dark:hover:bg-slate-800"
    >
      {() => (
        <div className="px-3 pb-3">
          <PeriodTable data={data} />
        </div>
      )}
    </LazyDetails>
  );
}
