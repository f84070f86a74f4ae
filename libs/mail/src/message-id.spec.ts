import { domainOf, MESSAGE_ID, messageIdFor } from './message-id';

describe('messageIdFor', () => {
  it('is stable: the same key gives the same id', () => {
    expect(messageIdFor('mail.42.7.invitation', 'example.org')).toBe('<mail.42.7.invitation@example.org>');
    expect(messageIdFor('mail.42.7.invitation', 'Example.ORG')).toBe(
      messageIdFor('mail.42.7.invitation', 'example.org'),
    );
  });

  it('encodes what a Message-ID may not hold, without making two keys collide', () => {
    const a = messageIdFor('mail 1/fp:3', 'example.org');
    const b = messageIdFor('mail-1-fp-3', 'example.org');
    expect(a).toBe('<mail_201_2Ffp_3A3@example.org>');
    expect(a).not.toBe(b);
    expect(messageIdFor('a_b', 'x.org')).not.toBe(messageIdFor('a b', 'x.org'));
    expect(messageIdFor('<a@b>\r\nBcc: x', 'x.org')).toMatch(MESSAGE_ID);
  });

  it('keeps a dot-atom valid: no leading, trailing or doubled dots', () => {
    expect(messageIdFor('.a..b.', 'x.org')).toBe('<_2Ea._2Eb_2E@x.org>');
  });

  it('hashes keys too long for a header line', () => {
    const long = 'k'.repeat(500);
    const id = messageIdFor(long, 'x.org');
    expect(id.length).toBeLessThan(200);
    expect(id).toMatch(MESSAGE_ID);
    expect(messageIdFor(long + 'x', 'x.org')).not.toBe(id);
  });

  it('refuses an empty key and a domain that is not one', () => {
    expect(() => messageIdFor('', 'x.org')).toThrow(/empty/);
    expect(() => messageIdFor('k', 'x.org>\r\nBcc: y')).toThrow(/not a domain/);
  });
});

describe('domainOf', () => {
  it('takes the part after the last @', () => {
    expect(domainOf('ethics@un.example.org')).toBe('un.example.org');
    expect(() => domainOf('nobody')).toThrow(/no domain/);
  });
});
