import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a rendered form may wait before it is sent: a working day and a night. */
export const CSRF_MAX_AGE_MS = 24 * 60 * 60 * 1000;

const MIN_SECRET = 32;

export class PortalSecretInvalid extends Error {
  constructor(message: string) {
    super(`PORTAL_SECRET: ${message}`);
    this.name = 'PortalSecretInvalid';
  }
}

/**
 * Form tokens for the token-link pages: `<issued>.<mac>`, where the MAC is an HMAC-SHA256 over the link's id,
 * the form's name and the time the form was rendered. A token made for one link or one form is refused by every
 * other, and a form left open longer than `maxAgeMs` must be sent again (the page keeps what was typed).
 */
export class CsrfTokens {
  constructor(
    private readonly secret: string,
    private readonly maxAgeMs = CSRF_MAX_AGE_MS,
  ) {
    if (secret.length < MIN_SECRET)
      throw new PortalSecretInvalid(`must be at least ${MIN_SECRET} characters`);
  }

  issue(tokenId: number, form: string, now: Date = new Date()): string {
    const issued = Math.floor(now.getTime() / 1000).toString(36);
    return `${issued}.${this.mac(tokenId, form, issued)}`;
  }

  verify(value: unknown, tokenId: number, form: string, now: Date = new Date()): boolean {
    if (typeof value !== 'string' || value.length > 200) return false;
    const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value);
    if (!match) return false;
    const [, issued, given] = match;
    const issuedMs = parseInt(issued, 36) * 1000;
    const age = now.getTime() - issuedMs;
    // A little slack for clocks of several api processes that disagree by a few seconds.
    if (!Number.isFinite(issuedMs) || age > this.maxAgeMs || age < -60_000) return false;
    const expected = Buffer.from(this.mac(tokenId, form, issued));
    const actual = Buffer.from(given);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  private mac(tokenId: number, form: string, issued: string): string {
    return createHmac('sha256', this.secret)
      .update(`cascade-portal-form\n${tokenId}\n${form}\n${issued}`)
      .digest('base64url');
  }
}
