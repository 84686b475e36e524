// A file's size as a download button shows it: 850 KB, 2.4 MB; pure.
import type { Lang } from '../../i18n/index.ts';

const units = ['B', 'KB', 'MB', 'GB'] as const;

/** Bytes in the largest unit that keeps the number at least 1 (powers of 1000, as people read them), one decimal under 10 (none when it is .0). */
export function formatFileSize(bytes: number, lang: Lang): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB', { maximumFractionDigits: digits }).format(value);
  return `${number} ${units[unit]}`;
}
