import {
  startStack as startProcessStack,
  STACK_API_KEY,
  type StackOptions,
  type TestDriver,
} from '@cascade/testing';

export type { Answer, Stack } from '@cascade/testing';
export const API_KEY = STACK_API_KEY;

/** The e2e suites run once per database kind, so they name it first. */
export const startStack = (driver: TestDriver, options: Omit<StackOptions, 'driver'> = {}) =>
  startProcessStack({ ...options, driver });
