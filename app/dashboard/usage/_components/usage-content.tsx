import { PageFailureView } from '@/components/nomos/page-failure';
import { loadUsagePage } from '@/lib/usage/usage-page';

import { UsageHeader, UsageView, usageHref, type UsageParams } from './usage-view';

export type { UsageParams } from './usage-view';

/** Loads the usage page's state from Nomos and shows it, or what stands in its way. */
export async function UsageContent({ params, scripts = false }: { params: UsageParams; scripts?: boolean }) {
  const here = usageHref(params);
  const state = await loadUsagePage(params);
  if (state.kind !== 'subscription') return <PageFailureView state={state} here={here} header={<UsageHeader />} />;
  return <UsageView state={state} params={params} scripts={scripts} />;
}
