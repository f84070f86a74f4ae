import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDefinition } from './definition.loader';
import { nextDigest } from './digest';

const def = parseDefinition(
  readFileSync(path.join(__dirname, '../../../workflows/leadership-dialogue.v1.yaml'), 'utf8'),
  'leadership-dialogue.v1.yaml',
);

describe('nextDigest (09:00 New York, working days)', () => {
  it('is today at 09:00 local when asked before it', () => {
    // Tue 1 Dec 2026 08:00 in New York (EST, UTC-5).
    const next = nextDigest(def, new Date('2026-12-01T13:00:00Z'), '2027-02-28');
    expect(next?.localDueAt).toBe('2026-12-01T09:00:00-05:00');
    expect(next?.dueAt.toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(next?.template).toBe('daily-digest');
    expect(next?.to).toEqual(['ethics-office']);
  });

  it('is tomorrow when today’s slot has passed, and strictly after the slot itself', () => {
    expect(nextDigest(def, new Date('2026-12-01T14:00:00Z'), '2027-02-28')?.localDueAt).toBe(
      '2026-12-02T09:00:00-05:00',
    );
  });

  it('skips the weekend: after Friday’s slot comes Monday', () => {
    expect(nextDigest(def, new Date('2026-12-04T15:00:00Z'), '2027-02-28')?.localDueAt).toBe(
      '2026-12-07T09:00:00-05:00',
    );
  });

  it('follows daylight saving: 09:00 EDT is 13:00 UTC after the March change', () => {
    expect(nextDigest(def, new Date('2027-03-15T00:00:00Z'), '2027-04-30')?.dueAt.toISOString()).toBe(
      '2027-03-15T13:00:00.000Z',
    );
  });

  it('stops after the report cutoff day', () => {
    // Fri 26 Feb 2027 after 09:00; the cutoff is Sunday 28 Feb, so Monday 1 March is past it.
    expect(nextDigest(def, new Date('2027-02-26T15:00:00Z'), '2027-02-28')).toBeNull();
    expect(nextDigest(def, new Date('2027-02-26T13:00:00Z'), '2027-02-28')?.localDueAt).toBe(
      '2027-02-26T09:00:00-05:00',
    );
  });

  it('skips a holiday of its calendar like a weekend, and says what moved it', () => {
    // Thanksgiving, Thursday 26 November 2026: after Wednesday's slot comes Friday.
    const thanksgiving = (date: string) => (date === '2026-11-26' ? 'Thanksgiving Day' : null);
    const next = nextDigest(def, new Date('2026-11-25T15:00:00Z'), '2027-02-28', undefined, thanksgiving);
    expect(next?.localDueAt).toBe('2026-11-27T09:00:00-05:00');
    expect(next?.movedFrom).toEqual({
      date: '2026-11-26',
      holidays: [{ date: '2026-11-26', name: 'Thanksgiving Day' }],
    });
    // Without the calendar: Thursday, not moved.
    const plain = nextDigest(def, new Date('2026-11-25T15:00:00Z'), '2027-02-28');
    expect(plain?.localDueAt).toBe('2026-11-26T09:00:00-05:00');
    expect(plain?.movedFrom).toBeUndefined();
  });

  it('a weekly digest due on a holiday Monday goes on the Tuesday, not a week later', () => {
    const managers = parseDefinition(
      readFileSync(path.join(__dirname, '../../../workflows/manager-session.v1.yaml'), 'utf8'),
      'manager-session.v1.yaml',
    );
    // Monday 2 November 2026 is a holiday of the station (added by the Ethics Office, say); 09:00 in Nairobi.
    const closed = (date: string) => (date === '2026-11-02' ? 'Office closure' : null);
    const after = new Date('2026-10-26T06:00:00Z');
    const moved = nextDigest(managers, after, '2027-02-28', 'Africa/Nairobi', closed);
    expect(moved?.localDueAt).toBe('2026-11-03T09:00:00+03:00');
    expect(moved?.movedFrom?.date).toBe('2026-11-02');
    // The week after, Monday again.
    expect(
      nextDigest(managers, moved?.dueAt ?? after, '2027-02-28', 'Africa/Nairobi', closed)?.localDueAt,
    ).toBe('2026-11-09T09:00:00+03:00');
    expect(nextDigest(managers, after, '2027-02-28', 'Africa/Nairobi')?.localDueAt).toBe(
      '2026-11-02T09:00:00+03:00',
    );
  });

  it("names the Ethics Office's duty station, whose holidays it skips", () => {
    expect(def.digest?.dutyStation).toBe('New York');
  });

  it('is null for a definition without a digest', () => {
    expect(
      nextDigest({ ...def, digest: undefined }, new Date('2026-12-01T13:00:00Z'), '2027-02-28'),
    ).toBeNull();
  });
});
