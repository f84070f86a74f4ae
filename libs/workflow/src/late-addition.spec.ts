import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { parseDefinition } from './definition.loader';
import { accommodatedDeadline } from './late-addition';

const v1Text = readFileSync(join(__dirname, '../../../workflows/leadership-dialogue.v1.yaml'), 'utf8');
const def = parseDefinition(v1Text, 'v1');
const base = { reportCutoff: '2027-02-28', timeZone: 'America/New_York' };

describe('accommodatedDeadline', () => {
  it('gives the same runway the others had, counted from the local invitation date', () => {
    // 1 Dec 2026 02:00Z is still 30 Nov in New York
    const invitedAt = new Date('2026-12-01T02:00:00Z');
    expect(accommodatedDeadline(def, { ...base, invitedAt, originalRunwayDays: 60 })).toBe('2027-01-29');
  });

  it('never goes past the report cutoff', () => {
    const invitedAt = new Date('2027-01-15T15:00:00Z');
    expect(accommodatedDeadline(def, { ...base, invitedAt, originalRunwayDays: 91 })).toBe('2027-02-28');
  });

  it('falls back to the configured fallback runway when the others’ runway is unknown', () => {
    const invitedAt = new Date('2026-11-01T15:00:00Z');
    expect(accommodatedDeadline(def, { ...base, invitedAt })).toBe('2026-12-31');
  });

  it('uses a fixed runway when the definition sets one', () => {
    const data = parse(v1Text);
    data.lateAddition = { runwayDays: 30 };
    const custom = parseDefinition(stringify(data), 'custom');
    const invitedAt = new Date('2026-11-01T15:00:00Z');
    expect(custom.lateAddition).toEqual({ runwayDays: 30, fallbackRunwayDays: 60 });
    expect(accommodatedDeadline(custom, { ...base, invitedAt, originalRunwayDays: 91 })).toBe('2026-12-01');
  });
});
