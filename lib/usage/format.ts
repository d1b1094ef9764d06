/**
 * Display of energy and money, de-DE like lib/prices/format.ts. The only
 * place where cents are rounded: the arithmetic keeps full precision.
 */
import { MINUS } from '@/lib/prices/format';

const euro = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'negative' });
const kwh = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const kwhFine = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 3, maximumFractionDigits: 3 });

/** "1,23 €" from an amount in ct, rounded to the cent here and nowhere else. */
export function formatEuro(ct: number): string {
  return `${euroNumber(ct)} €`;
}

/** "1,23" from ct, for table cells under a "€" header. */
export function euroNumber(ct: number): string {
  return euro.format(ct / 100).replace('-', MINUS);
}

/** "12,34 kWh". */
export function formatKwh(value: number): string {
  return `${kwh.format(value)} kWh`;
}

/** "0,123": one quarter-hour's meter reading keeps the meter's precision. */
export function kwhNumber(value: number): string {
  return kwhFine.format(value);
}
