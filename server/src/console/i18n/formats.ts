/** Numbers and dates as each console language writes them (Intl), with the UTC day events are kept under. */
import type { UiLanguage } from '../../../../core/contract/locales.ts';

export interface Formats {
  lang: UiLanguage;
  integer(n: number): string;
  /** A share from 0 to 1: "52,3 %". */
  percent(share: number): string;
  /** A difference of shares, in percentage points, with its sign: "+3,1 p.p.". */
  points(difference: number): string;
  /** A day (`YYYY-MM-DD`) or an instant, as a date. */
  date(value: string): string;
  /** Day and month only, for chart axes. */
  shortDate(value: string): string;
  dateTime(value: string): string;
  /** A file size: "180 KB". */
  bytes(n: number): string;
  downloadCsv(caption: string): string;
}

const pointsUnit: Record<UiLanguage, string> = { 'pt-BR': 'p.p.', it: 'p.p.', en: 'pts' };
const download: Record<UiLanguage, (caption: string) => string> = {
  'pt-BR': (caption) => `Baixar CSV: ${caption}`,
  it: (caption) => `Scarica CSV: ${caption}`,
  en: (caption) => `Download CSV: ${caption}`,
};

export function formatsFor(lang: UiLanguage, timeZone = 'UTC'): Formats {
  const integer = new Intl.NumberFormat(lang);
  const percent = new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const points = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  // Days are UTC days (events keep no time): shown in UTC, or a day would move across midnight.
  const day = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  const shortDay = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const kilobytes = new Intl.NumberFormat(lang, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 });
  const megabytes = new Intl.NumberFormat(lang, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });
  const parse = (value: string) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value);
  return {
    lang,
    integer: (n) => integer.format(n),
    percent: (share) => percent.format(share),
    points: (difference) => `${points.format(difference * 100)} ${pointsUnit[lang]}`,
    date: (value) => day.format(parse(value)),
    shortDate: (value) => shortDay.format(parse(value)),
    dateTime: (value) => dateTime.format(parse(value)),
    bytes: (n) => (n < 1_000_000 ? kilobytes.format(Math.max(1, Math.round(n / 1000))) : megabytes.format(n / 1_000_000)),
    downloadCsv: download[lang],
  };
}
