import { PageFailureView } from '@/components/nomos/page-failure';
import { loadUsagePage, type UsageState } from '@/lib/usage/usage-page';

import { UsageHeader, UsageView, usageHref, type UsageParams } from './usage-view';

export type { UsageParams } from './usage-view';

/** Loads the usage page's state from Nomos (unless the page has it already) and shows it, or what stands in its way. */
export async function UsageContent({
  params,
  state: loaded,
  scripts = false,
}: {
  params: UsageParams;
  state?: UsageState;
  scripts?: boolean;
}) {
  const here = usageHref(params);
  const state = loaded ?? (await loadUsagePage(params));
  if (state.kind !== 'subscription') return <PageFailureView state={state} here={here} header={<UsageHeader />} />;
  return <UsageView state={state} params={params} scripts={scripts} />;
}
