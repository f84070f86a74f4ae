import { DateTime, IANAZone } from 'luxon';

/**
 * VTIMEZONE components from the IANA database that Node ships (through luxon), so no time-zone package is needed.
 * RFC 5545 requires a VTIMEZONE for every TZID an object uses, and Outlook relies on it: without one it may read
 * `DTSTART;TZID=Africa/Nairobi:…` as the reader's own time. The component lists the zone's actual offset changes
 * (one STANDARD or DAYLIGHT onset each, no RRULE) over the year before to the year after the session, so it is
 * right even where a zone changed its rules, and any client resolves the session's times from it alone.
 */

/** One change of offset: the instant it happens and the offsets, in minutes east of UTC, around it. */
export interface OffsetChange {
  at: number;
  from: number;
  to: number;
}

// Offsets change on the minute; zones change at most every few weeks, so a 6-hour step cannot jump over two
// changes (the shortest gap on record is days).
const STEP_MS = 6 * 3600_000;
const MINUTE_MS = 60_000;

/** The zone's offset changes in [from, to), found by stepping and narrowing each change down to its minute. */
export function offsetChanges(zone: IANAZone, from: number, to: number): OffsetChange[] {
  const changes: OffsetChange[] = [];
  let t = from;
  let offset = zone.offset(t);
  while (t < to) {
    const next = Math.min(t + STEP_MS, to);
    const nextOffset = zone.offset(next);
    if (nextOffset !== offset) {
      let low = t; // offset here is `offset`
      let high = next; // offset here is `nextOffset`
      while (high - low > MINUTE_MS) {
        const mid = low + Math.max(1, Math.floor((high - low) / 2 / MINUTE_MS)) * MINUTE_MS;
        if (zone.offset(mid) === offset) low = mid;
        else high = mid;
      }
      changes.push({ at: high, from: offset, to: zone.offset(high) });
    }
    t = next;
    offset = nextOffset;
  }
  return changes;
}

/** `+0300`, `-0430`: an offset in minutes as RFC 5545's UTC-OFFSET. */
export function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** The wall time at `at` in a fixed offset, as RFC 5545's local DATE-TIME (no Z). */
function localDateTime(at: number, offsetMinutes: number): string {
  return DateTime.fromMillis(at + offsetMinutes * MINUTE_MS, { zone: 'utc' }).toFormat("yyyyLLdd'T'HHmmss");
}

// TZNAME is optional; keep it only when it is a plain abbreviation or GMT offset (Intl has none for some zones).
const SAFE_TZNAME = /^[A-Za-z0-9+-]{1,16}$/;

function observance(zoneName: string, at: number, from: number, to: number): string[] {
  const after = DateTime.fromMillis(at, { zone: zoneName, locale: 'en-US' });
  const kind = after.isInDST ? 'DAYLIGHT' : 'STANDARD';
  const name = after.offsetNameShort;
  return [
    `BEGIN:${kind}`,
    `DTSTART:${localDateTime(at, from)}`,
    `TZOFFSETFROM:${utcOffset(from)}`,
    `TZOFFSETTO:${utcOffset(to)}`,
    ...(name && SAFE_TZNAME.test(name) ? [`TZNAME:${name}`] : []),
    `END:${kind}`,
  ];
}

// Building a component scans three years of offsets: keep each (zone, year), since a session invites a whole
// team and a launch schedules many sessions in few zones.
const cache = new Map<string, string>();

/**
 * The VTIMEZONE of `zoneName` covering 1 January of the year before `around` to 1 January two years after it,
 * as lines joined with CRLF. Throws a RangeError for a name that is not an IANA zone.
 */
export function vtimezone(zoneName: string, around: Date): string {
  const zone = IANAZone.create(zoneName);
  if (!zone.isValid) throw new RangeError(`'${zoneName}' is not an IANA time zone`);
  const year = DateTime.fromJSDate(around, { zone: zoneName }).year;
  const key = `${zone.name}|${year}`;
  const known = cache.get(key);
  if (known) return known;
  const from = DateTime.fromObject({ year: year - 1 }, { zone: zoneName }).toMillis();
  const to = DateTime.fromObject({ year: year + 2 }, { zone: zoneName }).toMillis();
  const initial = zone.offset(from);
  const lines = [
    'BEGIN:VTIMEZONE',
    `TZID:${zone.name}`,
    // The offset in force when the window opens, so a time before the first change is defined too.
    ...observance(zone.name, from, initial, initial),
    ...offsetChanges(zone, from, to).flatMap((c) => observance(zone.name, c.at, c.from, c.to)),
    'END:VTIMEZONE',
  ];
  const text = lines.join('\r\n');
  cache.set(key, text);
  return text;
}
