import { z } from 'zod';

export interface MailAddress {
  name: string;
  address: string;
}

const email = z.email();
const FROM = /^\s*(?:"?([^"<>]*?)"?\s*<([^<>\s]+)>|([^<>\s"]+))\s*$/;
// C0 and C1 controls, DEL and the Unicode line separators: a display name never starts a header of its own.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * "Ethics Office <ethics@example.org>" or a bare address (whose display name is then empty). Here rather than
 * in libs/mail because MAIL_FROM and ETHICS_OFFICE_EMAIL are checked with the rest of the configuration.
 */
export function parseMailAddress(value: string): MailAddress | undefined {
  const m = FROM.exec(value);
  if (!m) return undefined;
  const address = m[2] ?? m[3];
  if (!email.safeParse(address).success) return undefined;
  const name = (m[1] ?? '').replace(CONTROL, ' ').replace(/ {2,}/g, ' ').trim();
  return { name, address };
}
