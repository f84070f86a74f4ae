import { HttpException, NotFoundException } from '@nestjs/common';
import { OptimisticLockError } from '@mikro-orm/core';
import { GuardRefused, InvalidTransition, ReasonRequired, UnknownEvent } from '@cascade/workflow';
import { TokenRejected } from '../portal/access-token.service';
import { TokenRoleRefused } from '../portal/token-role-refused';
import { SimulationDisabled } from '../simulation/simulation.service';
import { classifyError } from './classify-error';
import { errorBody } from './error-body';
import { Conflict, NotFound, ValidationFailed } from './errors';

const toErrorBody = (error: unknown) => errorBody(classifyError(error));

describe('classifyError', () => {
  it.each([
    [
      new ValidationFailed([
        { field: 'eligibleStaff', code: 'non-negative-integer', message: 'must be a non-negative integer' },
      ]),
      422,
      'validation',
      'eligibleStaff',
    ],
    [new NotFound('dialogue', 2031), 404, 'not-found', "dialogue '2031' not found"],
    [
      new Conflict('a dialogue for 2026 already exists', 'dialogue-exists'),
      409,
      'conflict',
      'already exists',
    ],
    [new InvalidTransition('withdrawn', 'submit-statistics'), 409, 'conflict', 'withdrawn'],
    [
      new GuardRefused('has-sessions', 'overdue', 'grant-extension', 'no session recorded'),
      422,
      'validation',
      'no session recorded',
    ],
    [new ReasonRequired('withdraw'), 422, 'validation', 'withdraw'],
    [new UnknownEvent('fly'), 400, 'bad-request', 'fly'],
    [new TokenRejected(), 404, 'not-found', 'not valid'],
    [new TokenRoleRefused('leader', 'confirm'), 403, 'forbidden', 'leader'],
    [new SimulationDisabled(), 403, 'forbidden', 'SIMULATION'],
  ])('maps %p to %i (%s) naming the field or rule', (error, status, category, named) => {
    const classified = classifyError(error);
    expect(classified).toMatchObject({ status, category });
    const body = toErrorBody(error);
    expect(body.statusCode).toBe(status);
    expect(JSON.stringify(body)).toContain(named);
  });

  it('gives the code at the top and on each issue, with the params a translation needs', () => {
    const body = toErrorBody(
      new ValidationFailed([
        { field: 'staffParticipated', code: 'participated-over-eligible', message: 'm', params: { max: 4 } },
      ]),
    );
    expect(body).toEqual({
      statusCode: 422,
      error: 'ValidationFailed',
      code: 'validation-failed',
      message: 'staffParticipated: m',
      issues: [
        { field: 'staffParticipated', code: 'participated-over-eligible', message: 'm', params: { max: 4 } },
      ],
    });
    expect(toErrorBody(new NotFound('dialogue', 2031))).toMatchObject({
      code: 'not-found',
      params: { what: 'dialogue', key: 2031 },
    });
  });

  it('names the state field when an override target is not allowed', () => {
    const body = toErrorBody(
      new GuardRefused('override-target', 'invited', 'override', "to 'x' is not allowed"),
    );
    expect(body.issues).toEqual([
      {
        field: 'state',
        code: 'guard-refused',
        message: "to 'x' is not allowed",
        params: { guard: 'override-target', state: 'invited', event: 'override' },
      },
    ]);
  });

  it('names the reason as a required field', () => {
    expect(toErrorBody(new ReasonRequired('withdraw')).issues).toEqual([
      { field: 'reason', code: 'required', message: 'is required' },
    ]);
  });

  it.each([
    [413, 'entity.too.large', 'request entity too large'],
    [415, 'charset.unsupported', 'unsupported charset "LATIN1"'],
    [413, 'parameters.too.many', 'too many parameters'],
  ])('maps the body parsers’ %i (%s) to itself, naming the body', (status, type, message) => {
    const error = Object.assign(new Error(message), { status, statusCode: status, expose: true, type });
    const body = toErrorBody(error);
    expect(body).toMatchObject({
      statusCode: status,
      code: 'body-refused',
      issues: [{ field: 'body', code: 'body-refused', message }],
    });
  });

  it('maps a lost optimistic lock to 409', () => {
    expect(classifyError(OptimisticLockError.lockFailed('EntityWorkflow'))).toMatchObject({
      status: 409,
      code: 'concurrent-modification',
    });
  });

  it("keeps Nest's own exceptions' status and gives them a code by category", () => {
    expect(classifyError(new NotFoundException())).toMatchObject({ status: 404, code: 'not-found' });
    expect(classifyError(new HttpException({ message: 'slow down' }, 429))).toMatchObject({
      category: 'too-many-requests',
      status: 429,
      message: 'slow down',
    });
  });

  it('classifies unknown errors as internal, a 500 that says nothing of the cause', () => {
    expect(classifyError(new Error('boom'))).toMatchObject({
      category: 'internal',
      status: 500,
      code: 'internal',
      message: 'internal error',
    });
  });
});
