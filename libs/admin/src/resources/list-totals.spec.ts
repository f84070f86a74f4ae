import { ListTotals, totalFromPage } from './list-totals';

describe('the total beside a console list', () => {
  it('is exact from the page itself on the last page, whatever was cached', () => {
    expect(totalFromPage({ offset: 0, returned: 7, more: false }, undefined)).toEqual({
      total: 7,
      exact: true,
    });
    expect(totalFromPage({ offset: 9990, returned: 10, more: false }, 12000)).toEqual({
      total: 10000,
      exact: true,
    });
    expect(totalFromPage({ offset: 0, returned: 0, more: false }, 5)).toEqual({ total: 0, exact: true });
  });

  it('reuses a cached total the page agrees with, and asks for a count otherwise', () => {
    expect(totalFromPage({ offset: 10, returned: 10, more: true }, 10000)).toEqual({
      total: 10000,
      exact: false,
    });
    // Nothing cached, or a cached total the page proves too small (rows were added): count.
    expect(totalFromPage({ offset: 10, returned: 10, more: true }, undefined)).toBeUndefined();
    expect(totalFromPage({ offset: 10, returned: 10, more: true }, 20)).toBeUndefined();
    // A page past the end (the cached total was too large): count.
    expect(totalFromPage({ offset: 100, returned: 0, more: false }, 150)).toBeUndefined();
  });
});

describe('ListTotals', () => {
  it('keeps a total for its age limit only', () => {
    let now = 0;
    const totals = new ListTotals(30_000, 10, () => now);
    totals.set('EntityWorkflow {}', 10000);
    now = 29_999;
    expect(totals.get('EntityWorkflow {}')).toBe(10000);
    now = 30_001;
    expect(totals.get('EntityWorkflow {}')).toBeUndefined();
  });

  it('keeps at most `kept` totals, forgetting the least recently counted', () => {
    const totals = new ListTotals(30_000, 2, () => 0);
    totals.set('a', 1);
    totals.set('b', 2);
    totals.set('a', 3);
    totals.set('c', 4);
    expect([totals.get('a'), totals.get('b'), totals.get('c')]).toEqual([3, undefined, 4]);
  });
});
