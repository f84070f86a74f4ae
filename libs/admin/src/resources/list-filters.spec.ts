import { whereOf, type FilterEntry } from './list-filters';

const entry = (path: string, value: unknown): FilterEntry => ({ path, value });

describe("the console's list filters as a condition", () => {
  const reading = {
    exact: ['state'],
    virtualFilters: {
      code: (code: string) => ({ workflow: { entity: { code: code.toUpperCase() } } }),
      year: (year: string) => ({ workflow: { dialogue: { year: Number(year) } } }),
      kind: (kind: string) => ({ workflow: { entity: { kind } } }),
    },
  };

  it('keeps every virtual filter that goes through the same relation', () => {
    const where = whereOf(
      {
        code: entry('code', 'unep'),
        year: entry('year', '2026'),
        kind: entry('kind', 'programme'),
        state: entry('state', 'your-turn'),
      },
      reading,
    );
    expect(where).toEqual({
      workflow: { entity: { code: 'UNEP', kind: 'programme' }, dialogue: { year: 2026 } },
      state: 'your-turn',
    });
  });

  it('leaves out empty virtual filters and matches other text with LIKE', () => {
    expect(whereOf({ code: entry('code', ''), name: entry('name', 'Ann') }, reading)).toEqual({
      name: { $like: '%Ann%' },
    });
  });
});
