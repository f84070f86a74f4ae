import { createHmac, randomBytes } from 'node:crypto';

/**
 * The secret that signs the console's session cookie and derives its CSRF tokens; every api process must share
 * it. ADMIN_SESSION_SECRET when set; otherwise one derived from PORTAL_SECRET (which production requires anyway),
 * so a deployment needs one secret only; outside production a random one per process will do. Undefined means
 * production with neither (the schema names ADMIN_SESSION_SECRET then).
 */
export function consoleSecretOf(raw: {
  NODE_ENV: string;
  ADMIN_SESSION_SECRET?: string;
  PORTAL_SECRET?: string;
}): string | undefined {
  if (raw.ADMIN_SESSION_SECRET) return raw.ADMIN_SESSION_SECRET;
  if (raw.PORTAL_SECRET) {
    return createHmac('sha256', raw.PORTAL_SECRET).update('cascade console sessions').digest('base64url');
  }
  if (raw.NODE_ENV === 'production') return undefined;
  return randomBytes(32).toString('base64url');
}
