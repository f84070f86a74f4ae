import { withoutTokens } from './logging';
import { acceptableTraceId } from './work-trace';

describe('what the logs may show of a request', () => {
  it.each([
    ['/p/AbC_d-123456789012345678', '/p/[token]'],
    ['/p/AbC_d-123456789012345678?lang=fr', '/p/[token]?lang=fr'],
    [
      '/api/portal/AbC_d-123456789012345678/sessions/3/participants-link',
      '/api/portal/[token]/sessions/3/participants-link',
    ],
    ['/admin/login?token=secret&next=/admin', '/admin/login?token=[token]&next=/admin'],
    ['/api/dialogues/2027/launch', '/api/dialogues/2027/launch'],
    [undefined, ''],
  ])('%s → %s', (url, logged) => {
    expect(withoutTokens(url)).toBe(logged);
  });

  it('takes a caller’s request id only when it is short and plain', () => {
    expect(acceptableTraceId('e2e-launch-trace-0001')).toBe(true);
    expect(acceptableTraceId('3f1c2e9a-0b4d-4c6e-9f7a-1b2c3d4e5f60')).toBe(true);
    for (const bad of ['', 'a b', '<script>', 'x'.repeat(65), 'line\nbreak', 42, undefined])
      expect([bad, acceptableTraceId(bad)]).toEqual([bad, false]);
  });
});
