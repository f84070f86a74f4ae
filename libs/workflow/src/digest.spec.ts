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

  it('is null for a definition without a digest', () => {
    expect(
      nextDigest({ ...def, digest: undefined }, new Date('2026-12-01T13:00:00Z'), '2027-02-28'),
    ).toBeNull();
  });
});
