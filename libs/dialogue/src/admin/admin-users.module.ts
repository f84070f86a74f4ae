import { Module } from '@nestjs/common';
import { AdminUserQueryService } from './admin-user-query.service';
import { AdminUserService } from './admin-user.service';

/** The console's accounts: create, authenticate, change role, disable, reset a password, read one. */
@Module({
  providers: [AdminUserService, AdminUserQueryService],
  exports: [AdminUserService, AdminUserQueryService],
})
export class AdminUsersModule {}
