import { ADMIN_ROLES, AdminUser, CONSOLE_LANGUAGES } from '@cascade/dialogue';
import { NAVIGATION, values, type ResourceDefinition } from './resource-kit';

/** Console accounts: admin-only, reads included (see adminOnlyResource). */
export const adminUserResource: ResourceDefinition = {
  model: AdminUser,
  reading: { exact: ['email', 'role', 'language'] },
  options: {
    navigation: NAVIGATION.operations,
    titleProperty: 'email',
    listProperties: ['id', 'email', 'role', 'language', 'disabledAt', 'createdAt', 'lastLoginAt'],
    showProperties: ['id', 'email', 'role', 'language', 'disabledAt', 'createdAt', 'lastLoginAt'],
    filterProperties: ['email', 'role', 'language'],
    properties: {
      passwordHash: { isVisible: false },
      role: { availableValues: values(ADMIN_ROLES) },
      language: { availableValues: values(CONSOLE_LANGUAGES) },
    },
  },
};
