const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const rel = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : dateFmt.format(d);
}

/** "3 minutes ago", "yesterday"; falls back to the date after a week. */
export function formatRelative(iso: string, now = Date.now()): string {
  const d = new Date(iso).getTime();
  if (Number.isNaN(d)) return '—';
  const s = Math.round((d - now) / 1000);
  const abs = Math.abs(s);
  if (abs < 60) return rel.format(s, 'second');
  if (abs < 3600) return rel.format(Math.round(s / 60), 'minute');
  if (abs < 86_400) return rel.format(Math.round(s / 3600), 'hour');
  if (abs < 7 * 86_400) return rel.format(Math.round(s / 86_400), 'day');
  return formatDate(iso);
}

/** "client_onboarding" → "Client onboarding". */
export function humanize(id: string): string {
  const s = id.replace(/[_-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
