import { DomainError } from '../shared/errors';
import type { TokenRole } from './portal.types';

/** The link is valid but speaks for someone else (a participants link cannot submit statistics). */
export class TokenRoleRefused extends DomainError {
  constructor(role: TokenRole, action: string) {
    super(`a ${role} link cannot ${action}`, 'token-role-refused', { role, action });
  }
}
