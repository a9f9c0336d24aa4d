import { SetMetadata } from '@nestjs/common';
import type { Role } from '@waymark/db';

export const ALLOW_KEY = 'waymark:allow';
export const PUBLIC: readonly Role[] = [];

// Every root field names the roles that may call it; a field without @Allow is refused (see RolesGuard).
export const Allow = (roles: readonly Role[] | 'public') => SetMetadata(ALLOW_KEY, roles === 'public' ? 'public' : [...roles]);
