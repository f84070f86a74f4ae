// C0 and C1 controls, DEL, and the Unicode line/paragraph separators some clients treat as line breaks.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
// The same, minus tab and line feed, which are legitimate inside a body.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BODY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * A value safe for a header line (subject, display name): every line break or control character becomes a
 * single space, so user-supplied text can never start a header of its own.
 */
export function headerSafe(value: string): string {
  return value.replace(ANY_CONTROL, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Keeps line breaks (normalised to LF) and tabs, drops every other control character. */
export function bodySafe(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(BODY_CONTROL, '');
}

// Compared by shape, not by identity with Object.prototype: objects from another realm (structuredClone under
// Jest, a worker thread) have their own Object.prototype and would otherwise slip through unsanitised.
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Applies bodySafe to every string of a plain data tree; other values pass through unchanged. */
export function sanitizeData<T>(value: T): T {
  if (typeof value === 'string') return bodySafe(value) as T;
  if (Array.isArray(value)) return value.map((v) => sanitizeData(v)) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = sanitizeData(v);
    return out as T;
  }
  return value;
}
