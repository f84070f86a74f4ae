import { MAX_ID, ValidationFailed } from '@cascade/dialogue';

/**
 * An optional whole-number query parameter (a page size, a cursor). Anything else — `-5`, `1.5`, `1e400`, a
 * repeated parameter — is refused by name: passed on as a number, it reached the SQL as `limit -5` or `Infinity`.
 */
export function optionalWholeNumber(
  field: string,
  value: unknown,
  { min = 1, max = MAX_ID }: { min?: number; max?: number } = {},
): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^\d{1,10}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ValidationFailed([
      {
        field,
        code: 'whole-number-range',
        message: `must be a whole number from ${min} to ${max}`,
        params: { min, max },
      },
    ]);
  }
  return Number(value);
}
