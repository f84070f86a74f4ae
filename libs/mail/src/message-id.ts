import { createHash } from 'node:crypto';

const ATOM_SAFE = /[A-Za-z0-9.-]/;
const DOMAIN =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const MAX_LOCAL = 200;

/**
 * A stable Message-ID for an idempotency key: the same key always gives the same id, so a retried send is
 * recognisable as the same message by the server and by the recipient's client.
 *
 * The key is encoded injectively — characters outside [A-Za-z0-9.-] (and dots that would break a dot-atom)
 * become `_XX` hex — so two different keys never share an id. Keys too long for a header line are hashed.
 */
export function messageIdFor(key: string, domain: string): string {
  if (key.length === 0) throw new RangeError('messageIdFor: the key is empty');
  if (!DOMAIN.test(domain)) throw new RangeError(`messageIdFor: '${domain}' is not a domain name`);
  let local = '';
  const chars = Array.from(key);
  chars.forEach((ch, i) => {
    const dotBreaksAtom = ch === '.' && (i === 0 || i === chars.length - 1 || chars[i - 1] === '.');
    if (ATOM_SAFE.test(ch) && !dotBreaksAtom) local += ch;
    else
      for (const byte of Buffer.from(ch, 'utf8'))
        local += '_' + byte.toString(16).toUpperCase().padStart(2, '0');
  });
  if (local.length > MAX_LOCAL) {
    local = `${local.slice(0, 80).replace(/\.+$/, '')}.sha256-${createHash('sha256').update(key).digest('hex')}`;
  }
  return `<${local}@${domain.toLowerCase()}>`;
}

/** The domain part of an address, the natural right-hand side of the Message-IDs of mail sent from it. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0 || at === address.length - 1) throw new RangeError(`'${address}' has no domain`);
  return address.slice(at + 1);
}

export const MESSAGE_ID = /^<[^<>\s@]+@[^<>\s@]+>$/;
