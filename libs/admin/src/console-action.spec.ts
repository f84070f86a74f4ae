import { Logger } from '@nestjs/common';
import { OptimisticLockError } from '@mikro-orm/core';
import { Conflict, ValidationFailed } from '@cascade/dialogue';
import { GuardRefused } from '@cascade/workflow';
import { errorsOf } from './console-action';

describe('errorsOf: a refused console action, from classifyError', () => {
  it('lists each issue of a refused input, with its row', () => {
    expect(
      errorsOf(
        new ValidationFailed([
          { field: 'deadline', code: 'date', message: 'must be a date YYYY-MM-DD' },
          { field: 'code', code: 'duplicate-code', message: "'X' already appears on row 2", row: 5 },
        ]),
      ),
    ).toEqual(['deadline: must be a date YYYY-MM-DD', "row 5, code: 'X' already appears on row 2"]);
  });

  it('says the broken rule of a conflict or of the workflow in its own words', () => {
    expect(
      errorsOf(new Conflict('the 2026 report has been issued; its dates are final', 'report-dates-final')),
    ).toEqual(['the 2026 report has been issued; its dates are final']);
    expect(
      errorsOf(new GuardRefused('has-sessions', 'overdue', 'grant-extension', 'no session recorded')),
    ).toEqual(['no session recorded']);
    expect(errorsOf(OptimisticLockError.lockFailed('EntityWorkflow'))).toEqual([
      'changed by someone else meanwhile; reload and try again',
    ]);
  });

  it('logs an unexpected failure and says only that nothing was changed', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    expect(errorsOf(new TypeError('x is not a function'))).toEqual([
      'Something went wrong on the server; nothing was changed. The log has the details.',
    ]);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('x is not a function'));
    logged.mockRestore();
  });
});
