// The one way to read translations, build locale URLs and format dates for Thai (default, at /…) and English (at /en/…).
import thBase from './th.json';
import enBase from './en.json';
import thNetwork from './network.th.json';
import enNetwork from './network.en.json';
import thReports from './reports.th.json';
import enReports from './reports.en.json';

// The CVM network's messages (colleges, establishments, manpower) live in their own pair of files.
// The reports' messages (issue 12) likewise.
const th = { ...thBase, ...thNetwork, ...thReports };
const en = { ...enBase, ...enNetwork, ...enReports };

export const locales = ['th', 'en'] as const;
export type Lang = (typeof locales)[number];
export const defaultLang: Lang = 'th';

export type MessageKey = keyof typeof th;
const messages: Record<Lang, Record<MessageKey, string>> = { th, en };

/** Whether a string (a zod issue's message, say) names a translation. */
export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.hasOwn(th, value);
}

export function isLang(value: unknown): value is Lang {
  return locales.includes(value as Lang);
}

/** The language of a URL path: English under /en, Thai everywhere else. */
export function langFromPath(pathname: string): Lang {
  return pathname === '/en' || pathname.startsWith('/en/') ? 'en' : 'th';
}

/** A translator for one language; `{name}` placeholders are filled from `params`. */
export function translator(lang: Lang) {
  return (key: MessageKey, params: Record<string, string | number> = {}): string =>
    messages[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(params, name) ? String(params[name]) : whole,
    );
}

/** `path` (a Thai-locale path such as /fields/x) as seen in `lang`. */
export function localePath(lang: Lang, path: string): string {
  if (lang === defaultLang) return path;
  return path === '/' ? `/${lang}/` : `/${lang}${path}`;
}

/** The same page in the other language. */
export function alternatePath(pathname: string): { lang: Lang; path: string } {
  const current = langFromPath(pathname);
  const base = current === 'en' ? pathname.replace(/^\/en(?=\/|$)/, '') || '/' : pathname;
  const other: Lang = current === 'en' ? 'th' : 'en';
  return { lang: other, path: localePath(other, base) };
}

const dateFormats: Record<Lang, Intl.DateTimeFormat> = {
  th: new Intl.DateTimeFormat('th-TH-u-ca-buddhist', { dateStyle: 'long', timeZone: 'Asia/Bangkok' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Asia/Bangkok' }),
};

/** A date as Thai readers expect it (Buddhist Era) or in English. */
export function formatDate(date: Date, lang: Lang): string {
  return dateFormats[lang].format(date);
}

/** Pick the Thai or English variant of a bilingual value, falling back to Thai. */
export function pick(lang: Lang, th: string, en?: string): string {
  return lang === 'en' && en ? en : th;
}

/**
 * The `lang` attribute a piece of content needs inside a page in `pageLang`: Thai text on an English page says
 * lang="th", English text on a Thai page lang="en"; nothing when it is in the page's language (or has no letters).
 */
export function langAttr(text: string | undefined, pageLang: Lang): Lang | undefined {
  if (!text) return undefined;
  const textLang: Lang | undefined = /[\u0e00-\u0e7f]/.test(text) ? 'th' : /[A-Za-z]/.test(text) ? 'en' : undefined;
  return textLang && textLang !== pageLang ? textLang : undefined;
}

/** A year given in the Buddhist Era as the page's readers count years: B.E. in Thai, C.E. with the B.E. year in English. */
export function formatYear(yearBE: number, lang: Lang): string {
  return lang === 'th' ? String(yearBE) : `${yearBE - 543} (B.E. ${yearBE})`;
}
