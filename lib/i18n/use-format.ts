import { useLocale } from 'next-intl';

import { formatFor, type Format } from './format';

/**
 * The page language's formatter, in server components (not async ones: they
 * use `formatFor(await getLocale())`) and client components alike.
 */
export function useFormat(): Format {
  return formatFor(useLocale());
}
