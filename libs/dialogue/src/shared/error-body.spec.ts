import { OptimisticLockError } from '@mikro-orm/core';
import { Conflict, NotFound, ValidationFailed } from './errors';
import { GuardRefused, InvalidTransition, ReasonRequired } from '@cascade/workflow';
import { toErrorBody } from './error-body';

describe('toErrorBody', () => {
  it.each([
    [
      new ValidationFailed([{ field: 'eligibleStaff', message: 'must be a non-negative integer' }]),
      422,
      'eligibleStaff',
    ],
    [new NotFound('dialogue', 2031), 404, "dialogue '2031' not found"],
    [new Conflict('a dialogue for 2026 already exists'), 409, 'already exists'],
    [new InvalidTransition('withdrawn', 'submit-statistics'), 409, 'withdrawn'],
    [
      new GuardRefused('has-sessions', 'overdue', 'grant-extension', 'no session recorded'),
      422,
      'no session recorded',
    ],
    [new ReasonRequired('withdraw'), 422, 'withdraw'],
  ])('maps %p to %i naming the field or rule', (error, status, named) => {
    const body = toErrorBody(error);
    expect(body?.statusCode).toBe(status);
    expect(JSON.stringify(body)).toContain(named);
  });

  it('names the state field when an override target is not allowed', () => {
    const body = toErrorBody(
      new GuardRefused('override-target', 'invited', 'override', "to 'x' is not allowed"),
    );
    expect(body?.issues).toEqual([{ field: 'state', message: "to 'x' is not allowed" }]);
  });

  it.each([
    [413, 'entity.too.large', 'request entity too large'],
    [415, 'charset.unsupported', 'unsupported charset "LATIN1"'],
    [413, 'parameters.too.many', 'too many parameters'],
  ])('maps the body parsers’ %i (%s) to itself, naming the body', (status, type, message) => {
    const error = Object.assign(new Error(message), { status, statusCode: status, expose: true, type });
    const body = toErrorBody(error);
    expect(body).toMatchObject({ statusCode: status, issues: [{ field: 'body', message }] });
  });

  it('maps a lost optimistic lock to 409', () => {
    expect(toErrorBody(OptimisticLockError.lockFailed('EntityWorkflow'))?.statusCode).toBe(409);
  });

  it('leaves unknown errors to become a logged 500', () => {
    expect(toErrorBody(new Error('boom'))).toBeNull();
  });
});
