import { bodySafe, headerSafe, sanitizeData } from './header-safe';

describe('headerSafe', () => {
  it('turns every line break into a single space, so a value cannot start a header', () => {
    expect(headerSafe('DPPA\r\nBcc: x@evil.org')).toBe('DPPA Bcc: x@evil.org');
    expect(headerSafe('a\rb\nc\u2028d\u0085e')).toBe('a b c d e');
  });

  it('drops other control characters and trims', () => {
    expect(headerSafe('\u0000 Ethics\tOffice\u007f ')).toBe('Ethics Office');
  });
});

describe('bodySafe', () => {
  it('keeps line feeds and tabs, normalises CRLF, drops the rest', () => {
    expect(bodySafe('one\r\ntwo\rthree\tfour\u0007\u001b[31m')).toBe('one\ntwo\nthree\tfour[31m');
  });
});

describe('sanitizeData', () => {
  it('cleans every string of nested objects and lists, and leaves other values alone', () => {
    const at = new Date('2027-01-01T00:00:00Z');
    const out = sanitizeData({ a: 'x\r\ny', list: [{ b: 'p\u0000q' }], n: 3, at, none: null });
    expect(out).toEqual({ a: 'x\ny', list: [{ b: 'pq' }], n: 3, at, none: null });
    expect(out.at).toBe(at);
  });
});

describe('sanitizeData across realms', () => {
  it('cleans objects whose prototype comes from another realm', () => {
    // structuredClone is Node's own, so under Jest its objects do not share the test's Object.prototype.
    const foreign = structuredClone({ name: 'a\r\nb', nested: { v: 'c\u0000d' } });
    expect(sanitizeData(foreign)).toEqual({ name: 'a\nb', nested: { v: 'cd' } });
  });
});
