import type { Category, TestimonyStatus } from '@desk/protocol';

export const STATUS_LABELS: Record<TestimonyStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  published: 'Published',
};

export const CATEGORY_LABELS: Record<Category, string> = {
  person: 'Person',
  place: 'Place',
  hiding: 'Hiding place',
  quasi: 'Quasi-identifier',
  other: 'Other',
};

/** Short labels drawn on the marks themselves, so categories never rely on colour alone. */
export const CATEGORY_ABBR: Record<Category, string> = {
  person: 'PER',
  place: 'PLC',
  hiding: 'HID',
  quasi: 'QID',
  other: 'OTH',
};

/** Keyboard shortcuts 1–5 follow the order editors rank the danger: person first. */
export const CATEGORY_KEYS: Record<string, Category> = {
  '1': 'person',
  '2': 'place',
  '3': 'hiding',
  '4': 'quasi',
  '5': 'other',
};

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const dtf = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const df = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function relativeTime(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const sec = Math.round((t - now) / 1000);
  const abs = Math.abs(sec);
  if (abs < 45) return 'just now';
  if (abs < 3600) return rtf.format(Math.round(sec / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(sec / 3600), 'hour');
  if (abs < 30 * 86_400) return rtf.format(Math.round(sec / 86_400), 'day');
  return df.format(t);
}

export function dateTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '—' : dtf.format(t);
}

export function dateOnly(iso: string | null): string {
  if (!iso) return '—';
  // Due dates are calendar dates; parse as local noon so time zones never shift the day shown.
  const t = Date.parse(iso.length === 10 ? `${iso}T12:00:00` : iso);
  return Number.isNaN(t) ? '—' : df.format(t);
}

export function isOverdue(iso: string | null, now = Date.now()): boolean {
  if (!iso) return false;
  const t = Date.parse(iso.length === 10 ? `${iso}T23:59:59` : iso);
  return !Number.isNaN(t) && t < now;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}
