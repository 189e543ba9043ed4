/** Small display helpers shared by the screens (pure, locale passed in). */

/**
 * A duration as `1 h 02 min`, `4 min 05 s` or `36 s` in English; in another UI language its units
 * come from Intl (`1 時間 02 分`, `4 分 05 秒`, `36 秒` in Japanese).
 */
export function formatDuration(totalSeconds: number, locale?: string | null): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (locale && !locale.startsWith('en')) {
    const unit = (value: number, name: 'hour' | 'minute' | 'second', pad: boolean) =>
      new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: name,
        unitDisplay: 'short',
        minimumIntegerDigits: pad ? 2 : 1,
      }).format(value);
    if (h > 0) return `${unit(h, 'hour', false)} ${unit(m, 'minute', true)}`;
    if (m > 0) return `${unit(m, 'minute', false)} ${unit(sec, 'second', true)}`;
    return unit(sec, 'second', false);
  }
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(sec).padStart(2, '0')} s`;
  return `${sec} s`;
}

/** A timestamp (ISO string or epoch ms) in the UI language, or the fallback when absent. */
export function formatTime(value: string | number | null, locale: string | null | undefined, fallback = '—'): string {
  if (value === null) return fallback;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return fallback;
  return date.toLocaleString(locale ?? 'en', { dateStyle: 'medium', timeStyle: 'medium' });
}

/** A Unix permission mode as `0600`. */
export function formatMode(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

/** The first `n` characters of a hex value followed by an ellipsis when longer. */
export function shorten(value: string, n = 8): string {
  return value.length > n ? `${value.slice(0, n)}…` : value;
}
