import { ValidationFailed } from '@cascade/dialogue';
import { optionalWholeNumber } from './query-params';

describe('optionalWholeNumber', () => {
  it('reads a plain number within bounds, and nothing as nothing', () => {
    expect(optionalWholeNumber('limit', '50', { max: 1000 })).toBe(50);
    expect(optionalWholeNumber('limit', undefined)).toBeUndefined();
    expect(optionalWholeNumber('limit', '')).toBeUndefined();
  });

  it.each(['0', '-5', '1.5', '1e3', '1001', 'abc', ' 7', ['1', '2']])('refuses %p by name', (value) => {
    expect(() => optionalWholeNumber('limit', value, { max: 1000 })).toThrow(ValidationFailed);
    expect(() => optionalWholeNumber('limit', value, { max: 1000 })).toThrow(
      /^limit: must be a whole number/,
    );
  });
});
