import type { Bucket } from './types.js';
import { KpiError } from './errors.js';

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new KpiError('INVALID_ARGUMENT', `unknown time zone "${timeZone}" (use an IANA name such as Europe/Lisbon)`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export function localParts(instant: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts['year'] ?? 0,
    month: parts['month'] ?? 0,
    day: parts['day'] ?? 0,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
  };
}

// UTC offset (ms) of the zone at an instant.
function offsetAt(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

// The instant of local wall-clock midnight of a date in the zone.
export function zonedMidnight(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  return guess;
}

// Start of the local day / ISO week (Monday) / month containing the instant.
export function bucketStartOf(instant: number, bucket: Bucket, timeZone: string): number {
  const p = localParts(instant, timeZone);
  if (bucket === 'DAY') return zonedMidnight(p.year, p.month, p.day, timeZone);
  if (bucket === 'MONTH') return zonedMidnight(p.year, p.month, 1, timeZone);
  const weekday = (new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() + 6) % 7;
  const monday = new Date(Date.UTC(p.year, p.month - 1, p.day - weekday));
  return zonedMidnight(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), timeZone);
}

export function nextBucketStart(start: number, bucket: Bucket, timeZone: string): number {
  const p = localParts(start, timeZone);
  const next = new Date(Date.UTC(p.year, p.month - 1 + (bucket === 'MONTH' ? 1 : 0), p.day + (bucket === 'DAY' ? 1 : bucket === 'WEEK' ? 7 : 0)));
  return zonedMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone);
}

// Every bucket start whose bucket intersects [from, to).
export function bucketStarts(from: number, to: number, bucket: Bucket, timeZone: string): number[] {
  const starts: number[] = [];
  for (let s = bucketStartOf(from, bucket, timeZone); s < to; s = nextBucketStart(s, bucket, timeZone)) starts.push(s);
  return starts;
}
