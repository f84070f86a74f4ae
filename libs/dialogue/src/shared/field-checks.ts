import type { FieldIssue } from './errors';
import { ValidationFailed } from './errors';

/** Collects every problem of an input before refusing it, so one answer names them all. */
export class FieldChecks {
  readonly issues: FieldIssue[] = [];

  constructor(private readonly row?: number) {}

  fail(field: string, message: string): void {
    this.issues.push(this.row === undefined ? { field, message } : { field, message, row: this.row });
  }

  nonNegativeInteger(field: string, value: unknown): value is number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      this.fail(field, 'must be a non-negative integer');
      return false;
    }
    return true;
  }

  text(field: string, value: unknown, { max = 300, required = true } = {}): value is string {
    if (value === undefined || value === null || value === '') {
      if (required) this.fail(field, 'is required');
      return false;
    }
    if (typeof value !== 'string') {
      this.fail(field, 'must be text');
      return false;
    }
    if (value.length > max) {
      this.fail(field, `must be at most ${max} characters`);
      return false;
    }
    return true;
  }

  email(field: string, value: unknown, { required = true } = {}): value is string {
    if (!this.text(field, value, { max: 254, required })) return false;
    if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value)) {
      this.fail(field, 'must be an email address');
      return false;
    }
    return true;
  }

  throwIfAny(): void {
    if (this.issues.length > 0) throw new ValidationFailed(this.issues);
  }
}
