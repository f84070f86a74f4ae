import { ADMIN_ROLES, AdminUser } from '@cascade/dialogue';
import { NAVIGATION, values, type ResourceDefinition } from './resource-kit';

/** Console accounts: admin-only, reads included (see adminOnlyResource). */
export const adminUserResource: ResourceDefinition = {
  model: AdminUser,
  reading: { exact: ['email', 'role'] },
  options: {
    navigation: NAVIGATION.operations,
    titleProperty: 'email',
    listProperties: ['id', 'email', 'role', 'disabledAt', 'createdAt', 'lastLoginAt'],
    showProperties: ['id', 'email', 'role', 'disabledAt', 'createdAt', 'lastLoginAt'],
    filterProperties: ['email', 'role'],
    properties: {
      passwordHash: { isVisible: false },
      role: { availableValues: values(ADMIN_ROLES) },
    },
  },
};
