import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { NotFound } from '../shared/errors';
import { AdminUser } from './admin-user.entity';

/** Reads of the console accounts (the changes go through AdminUserService). */
@Injectable()
export class AdminUserQueryService {
  constructor(private readonly em: EntityManager) {}

  async byId(id: number | null): Promise<AdminUser> {
    const user = await this.em.fork().findOne(AdminUser, id ?? 0);
    if (!user) throw new NotFound('console account', id ?? '?');
    return user;
  }
}
