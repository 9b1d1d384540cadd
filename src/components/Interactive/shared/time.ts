/** Readable forms of the Unix times that JWT claims and webhook headers carry. */

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** `deltaSeconds` from now in words: `in 2 minutes`, `5 seconds ago`, `now`. */
export function relativeTime(deltaSeconds: number): string {
  const [unit, size] = units.find(([, length]) => Math.abs(deltaSeconds) >= length) ?? ['second', 1];
  return relative.format(Math.round(deltaSeconds / size), unit);
}

/** `2025-06-02 09:01:00 UTC (3 minutes ago)`, or why the value is not a time. */
export function describeUnixTime(seconds: unknown, nowMs: number): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return 'not a number of seconds';
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return 'out of the range of dates';
  const utc = date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
  return `${utc} (${relativeTime(seconds - nowMs / 1000)})`;
}
