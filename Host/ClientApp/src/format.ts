// Numbers, money and dates for people, in the browser's language and the shop's currency and time zone.

export type Amount = string | number | null | undefined;

/** Decimal amounts arrive as strings or numbers; Intl formats a decimal string exactly. */
function exact(value: Amount): number {
  if (value == null || value === '') return 0;
  // Intl.NumberFormat.prototype.format takes a decimal string as it is (no float rounding).
  return (typeof value === 'string' ? value : value) as unknown as number;
}

export function toNumber(value: Amount): number {
  if (value == null || value === '') return 0;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : 0;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

export function money(value: Amount, currency: string | null | undefined): string {
  const key = currency ?? '';
  let format = moneyFormats.get(key);
  if (!format) {
    try {
      format = currency
        ? new Intl.NumberFormat(undefined, { style: 'currency', currency })
        : new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    } catch {
      // An unknown currency code: still show the amount.
      format = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    moneyFormats.set(key, format);
  }
  return format.format(exact(value));
}

/** A short money figure for chart axes: $12K. */
export function compactMoney(value: number, currency: string | null | undefined): string {
  try {
    return new Intl.NumberFormat(undefined, currency
      ? { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }
      : { notation: 'compact', maximumFractionDigits: 1 }).format(value);
  } catch {
    return new Intl.NumberFormat(undefined, { notation: 'compact' }).format(value);
  }
}

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function count(value: Amount): string {
  return integer.format(exact(value));
}

export function dateTime(iso: string | null | undefined, timeZone?: string | null): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: timeZone ?? undefined })
    .format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) as the reader writes dates; no time zone shift. */
export function calendarDate(date: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  return new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function relativeTime(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return relativeFormat.format(seconds, 'second');
  if (abs < 45 * 60) return relativeFormat.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return relativeFormat.format(Math.round(seconds / 3600), 'hour');
  return relativeFormat.format(Math.round(seconds / 86400), 'day');
}

export function duration(fromIso: string | null | undefined, toIso: string | null | undefined): string {
  if (!fromIso) return '—';
  const ms = Math.max(0, (toIso ? Date.parse(toIso) : Date.now()) - Date.parse(fromIso));
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds % 60)} s`;
}

/** Today's date (YYYY-MM-DD) in a time zone (the shop's), or the browser's when none is known. */
export function todayIn(timeZone: string | null | undefined, now = new Date()): string {
  const format = (zone: string | undefined) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  try {
    return format(timeZone ?? undefined);
  } catch {
    return format(undefined);
  }
}

/** "a", "a and b", "a, b and c" */
export function listOf(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}
