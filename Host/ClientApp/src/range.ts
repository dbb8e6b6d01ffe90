// The date range the dashboard shows: a preset or a custom range, in the shop's calendar.
import { addDays, daysInclusive, todayIn } from './format';

export type Preset = '7' | '30' | '90' | 'year' | 'all' | 'custom';
export type Interval = 'DAY' | 'WEEK' | 'MONTH';

export interface DateRange {
  preset: Preset;
  /** Inclusive bounds (YYYY-MM-DD); both null for all time. */
  from: string | null;
  to: string | null;
}

export const PRESETS: { value: Exclude<Preset, 'custom'>; label: string }[] = [
  { value: '7', label: 'Last 7 days' },
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
  { value: 'year', label: 'This year' },
  { value: 'all', label: 'All time' },
];

export function presetRange(preset: Exclude<Preset, 'custom'>, timeZone: string | null | undefined): DateRange {
  const today = todayIn(timeZone);
  switch (preset) {
    case '7':
    case '30':
    case '90':
      return { preset, from: addDays(today, 1 - Number(preset)), to: today };
    case 'year':
      return { preset, from: `${today.slice(0, 4)}-01-01`, to: today };
    case 'all':
      return { preset, from: null, to: null };
  }
}

/** Days up to three months: a point per day; up to two years: per week; beyond: per month. */
export function intervalFor(from: string, to: string): Interval {
  const days = daysInclusive(from, to);
  if (days <= 92) return 'DAY';
  if (days <= 731) return 'WEEK';
  return 'MONTH';
}
