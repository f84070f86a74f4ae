import { CsrfTokens, CSRF_MAX_AGE_MS, PortalSecretInvalid } from './csrf';

describe('CsrfTokens', () => {
  const secret = 's'.repeat(40);
  const csrf = new CsrfTokens(secret);
  const now = new Date('2026-10-01T09:00:00Z');

  it('accepts the token it made for the same link and form', () => {
    expect(csrf.verify(csrf.issue(7, 'statistics', now), 7, 'statistics', now)).toBe(true);
  });

  it('refuses it for another link, another form, or from another secret', () => {
    const token = csrf.issue(7, 'statistics', now);
    expect(csrf.verify(token, 8, 'statistics', now)).toBe(false);
    expect(csrf.verify(token, 7, 'session', now)).toBe(false);
    expect(new CsrfTokens('t'.repeat(40)).verify(token, 7, 'statistics', now)).toBe(false);
  });

  it('refuses a tampered, truncated, missing or malformed token', () => {
    const token = csrf.issue(7, 'statistics', now);
    const [issued, mac] = token.split('.');
    const flipped = mac.slice(0, -1) + (mac.endsWith('A') ? 'B' : 'A');
    for (const bad of [
      `${issued}.${flipped}`,
      token.slice(0, -2),
      '',
      undefined,
      null,
      42,
      ['x'],
      `${issued}.`,
      'x'.repeat(500),
    ]) {
      expect(csrf.verify(bad, 7, 'statistics', now)).toBe(false);
    }
    // Moving the issue time forward (to dodge expiry) breaks the MAC.
    const later = (parseInt(issued, 36) + 3600).toString(36);
    expect(csrf.verify(`${later}.${mac}`, 7, 'statistics', now)).toBe(false);
  });

  it('refuses a form left open longer than a day, or dated in the future', () => {
    const token = csrf.issue(7, 'statistics', now);
    expect(csrf.verify(token, 7, 'statistics', new Date(now.getTime() + CSRF_MAX_AGE_MS - 1000))).toBe(true);
    expect(csrf.verify(token, 7, 'statistics', new Date(now.getTime() + CSRF_MAX_AGE_MS + 1000))).toBe(false);
    expect(csrf.verify(token, 7, 'statistics', new Date(now.getTime() - 5 * 60_000))).toBe(false);
  });

  it('refuses a short secret', () => {
    expect(() => new CsrfTokens('short')).toThrow(PortalSecretInvalid);
  });
});
