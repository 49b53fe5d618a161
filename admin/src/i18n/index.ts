import polyglotI18nProvider from 'ra-i18n-polyglot';
import en from './en';
import zh from './zh';

export const LOCALES = [
  { locale: 'zh-CN', name: '中文' },
  { locale: 'en', name: 'English' },
];

/** zh-CN by default; English when chosen from the app bar (remembered by react-admin's store). */
export const i18nProvider = polyglotI18nProvider((locale) => (locale === 'en' ? en : zh), 'zh-CN', LOCALES, {
  allowMissing: true,
});

/** Numbers and areas for the current locale. */
export function formatNumber(value: number | null | undefined, locale: string, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { maximumFractionDigits: digits }).format(value);
}

export function formatArea(
  m2: number | null | undefined,
  locale: string,
  translate: (k: string, o?: object) => string,
): string {
  if (m2 === null || m2 === undefined || !Number.isFinite(m2)) return '—';
  if (Math.abs(m2) >= 100_000) return translate('wz.units.km2', { value: formatNumber(m2 / 1e6, locale, 2) });
  return translate('wz.units.m2', { value: formatNumber(m2, locale, 0) });
}

export function formatPercent(share: number | null | undefined, locale: string): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(share);
}
