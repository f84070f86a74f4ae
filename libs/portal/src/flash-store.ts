import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { Flash } from './page-input';

/** How long a result waits for the page that shows it (the redirect follows at once). */
export const FLASH_TTL_SECONDS = 600;

/**
 * What a POST shows once on the page it redirects to (a new leader link, a session's feedback link), so that
 * reloading that page never sends the form again. The data is sealed with AES-256-GCM under a key that exists
 * only in the redirect's `flash=` parameter; Redis holds the ciphertext under a digest of that key, for ten
 * minutes, and gives it up once. A link in Redis is therefore never readable without the address it went to.
 */
export class FlashStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
  ) {}

  /** Seals the flash for this link and returns the reference to put in the redirect. */
  async put(tokenId: number, flash: Flash): Promise<string> {
    const key = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(String(tokenId)));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(flash), 'utf8'), cipher.final()]);
    const value = Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
    await this.redis.set(this.redisKey(key), value, 'EX', FLASH_TTL_SECONDS);
    return key.toString('base64url');
  }

  /** The flash, once, if `reference` was made for this link; null otherwise (expired, shown, forged). */
  async take(tokenId: number, reference: unknown): Promise<Flash | null> {
    if (typeof reference !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(reference)) return null;
    const key = Buffer.from(reference, 'base64url');
    const value = await this.redis.getdel(this.redisKey(key));
    if (!value) return null;
    try {
      const raw = Buffer.from(value, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      decipher.setAAD(Buffer.from(String(tokenId)));
      const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      return JSON.parse(plain) as Flash;
    } catch {
      return null;
    }
  }

  private redisKey(key: Buffer): string {
    return `${this.keyPrefix}:${createHash('sha256').update(key).digest('base64url')}`;
  }
}
