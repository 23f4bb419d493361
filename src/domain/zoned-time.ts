// Wall-clock time in an IANA time zone without a library: Intl supplies the zone rules, and these helpers turn
// them into offsets and back. Shared by quiet hours and check-in cycles so both agree on every clock change.

export type WallClock = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
};

const DAY = 86_400_000;

// Building a DateTimeFormat is costly and these are asked many times per call, so keep one per zone.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** What a clock in the zone shows at an instant (UTC ms). */
export function wallClock(at: number, timeZone: string): WallClock {
  const parts = formatFor(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

/** Local time minus UTC at an instant, in ms (BST gives 3_600_000). */
export function offsetAt(at: number, timeZone: string): number {
  const local = wallClock(at, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - (at - (((at % 1000) + 1000) % 1000));
}

/**
 * The instants at which the local clock shows `wall` (a local time written as if it were UTC ms): one
 * normally, two in a repeated autumn hour, none in a skipped spring hour (offsetChanges covers that case).
 */
export function instantsOf(wall: number, timeZone: string): number[] {
  // The zone's offsets either side of the wall time: a guess with each, kept when the clock agrees.
  const offsets = new Set([wall - DAY, wall, wall + DAY].map((at) => offsetAt(at, timeZone)));
  return [...offsets].map((offset) => wall - offset).filter((at) => offsetAt(at, timeZone) === wall - at);
}

/**
 * The first instant at which the local clock reaches `wall`: the earlier of an autumn repeat, and in a spring
 * gap the jump itself, since that is when a clock set to the skipped time would have got there.
 */
export function firstInstantOf(wall: number, timeZone: string): number {
  const found = instantsOf(wall, timeZone);
  if (found.length > 0) return Math.min(...found);
  const offsets = [wall - DAY, wall + DAY].map((at) => offsetAt(at, timeZone));
  // The jump lies between the wall time read with the later offset and with the earlier one.
  const jump = offsetChanges(wall - Math.max(...offsets), wall - Math.min(...offsets), timeZone)[0];
  if (jump === undefined) throw new Error(`zoned-time: no instant shows this wall time in ${timeZone}`);
  return jump;
}

/** Instants in (start, end] at which the zone's offset changes; real zones change at most once a day. */
export function offsetChanges(start: number, end: number, timeZone: string): number[] {
  const changes: number[] = [];
  let before = offsetAt(start, timeZone);
  for (let at = start; at < end; at += DAY) {
    const sample = Math.min(at + DAY, end);
    const after = offsetAt(sample, timeZone);
    if (after !== before) changes.push(bisect(at, sample, before, timeZone));
    before = after;
  }
  return changes;
}

/** The first millisecond in (low, high] whose offset is no longer `before`. */
function bisect(low: number, high: number, before: number, timeZone: string): number {
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(middle, timeZone) === before) low = middle;
    else high = middle;
  }
  return high;
}
