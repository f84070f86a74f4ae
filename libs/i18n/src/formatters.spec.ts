import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  isCalendarDate,
  toNumber,
} from './formatters';

describe('formatDate', () => {
  const instant = '2027-01-31T23:30:00Z';

  it('shows an instant as the day it is in the zone', () => {
    expect(formatDate(instant, 'en', { timeZone: 'Asia/Kabul' })).toBe('1 February 2027');
    expect(formatDate(instant, 'en', { timeZone: 'America/New_York' })).toBe('31 January 2027');
    expect(formatDate(new Date(instant), 'fr', { timeZone: 'Asia/Kabul' })).toBe('1 février 2027');
    expect(formatDate(instant, 'es', { timeZone: 'America/New_York' })).toBe('31 de enero de 2027');
  });

  it('keeps a calendar date on its day whatever the zone', () => {
    for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'])
      expect(formatDate('2027-12-31', 'en', { timeZone })).toBe('31 December 2027');
    expect(formatDate('2027-12-31', 'es', { timeZone: 'Asia/Tokyo' })).toBe('31 de diciembre de 2027');
  });

  it('adds an instant’s time of day in the zone on request, never to a calendar date', () => {
    const opts = { timeZone: 'Asia/Kabul', time: 'short' } as const;
    expect(formatDate(instant, 'en', opts)).toBe('1 February 2027 at 04:00');
    expect(formatDate(instant, 'fr', opts)).toBe('1 février 2027 à 04:00');
    expect(formatDate('2027-12-31', 'en', opts)).toBe('31 December 2027');
  });

  it('offers the full style with the weekday', () => {
    expect(formatDate('2027-12-31', 'en', { timeZone: 'UTC', style: 'full' })).toMatch(
      /^Friday,? 31 December 2027$/,
    );
  });

  it('refuses what is not a date, and an unknown style', () => {
    expect(() => formatDate('31/12/2027', 'en', { timeZone: 'UTC' })).toThrow(/not a date/);
    expect(() => formatDate('2027-02-30', 'en', { timeZone: 'UTC' })).toThrow(/not a date/);
    expect(() => formatDate(new Date(NaN), 'en', { timeZone: 'UTC' })).toThrow(/not a date/);
    expect(() => formatDate('2027-12-31', 'en', { timeZone: 'UTC', style: 'tiny' as never })).toThrow(
      /unknown date format/,
    );
    expect(isCalendarDate('2027-12-31')).toBe(true);
    expect(isCalendarDate('2027-12-31T00:00:00Z')).toBe(false);
  });
});

describe('formatDateTime', () => {
  it('shows day, time and zone in the zone', () => {
    const at = '2027-01-31T23:30:00Z';
    expect(formatDateTime(at, 'en', 'Asia/Kabul')).toBe('1 February 2027 at 04:00 GMT+4:30');
    expect(formatDateTime(at, 'fr', 'America/New_York')).toBe('31 janvier 2027 à 18:30 UTC−5');
    expect(() => formatDateTime('2027-12-31', 'en', 'UTC')).toThrow(/no time of day/);
  });
});

describe('numbers', () => {
  it('groups digits the way each language does', () => {
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatNumber('12345', 'fr')).toBe('12\u202f345');
    expect(formatNumber(12345, 'es')).toBe('12.345');
    expect(formatNumber(1000, 'es')).toBe('1000');
  });

  it('formats a ratio as a percentage with at most the digits asked for', () => {
    expect(formatPercent(0.891129, 'en', 1)).toBe('89.1%');
    expect(formatPercent(0.891129, 'fr', 1)).toBe('89,1\u00a0%');
    expect(formatPercent(0.891129, 'es', 0)).toBe('89\u00a0%');
  });

  it('refuses what is not a number', () => {
    for (const bad of [null, undefined, '', ' ', 'x', NaN, Infinity, {}])
      expect(() => toNumber(bad)).toThrow(/not a number/);
  });
});
