import type { Pathname } from '$app/types';
import type { Role } from '$lib/graphql/types.js';

export const SESSION_COOKIE = 'waymark_session';

export function canEdit(role: Role): boolean {
  return role === 'ADMIN';
}

export interface NavItem {
  href: Pathname;
  label: string;
}

const ALL: (NavItem & { roles: Role[] })[] = [
  { href: '/', label: 'Dashboard', roles: ['ADMIN', 'EXECUTIVE', 'ANALYST'] },
  { href: '/journeys', label: 'Journeys', roles: ['ADMIN', 'EXECUTIVE', 'ANALYST'] },
  { href: '/alerts', label: 'Alerts & risks', roles: ['ADMIN', 'EXECUTIVE', 'ANALYST'] },
  { href: '/audits', label: 'Audits', roles: ['ADMIN', 'EXECUTIVE', 'ANALYST'] },
  { href: '/initiatives', label: 'Initiatives & ROI', roles: ['ADMIN', 'EXECUTIVE', 'ANALYST'] },
  { href: '/integrations', label: 'Integrations', roles: ['ADMIN', 'PARTNER', 'ANALYST', 'EXECUTIVE'] },
  { href: '/settings/automation', label: 'Automation', roles: ['ADMIN', 'EXECUTIVE', 'ANALYST'] },
  { href: '/settings/notifications', label: 'Notifications', roles: ['ADMIN', 'EXECUTIVE', 'ANALYST'] },
  { href: '/settings/tokens', label: 'Users & tokens', roles: ['ADMIN'] },
];

// PARTNER sees plugins and integrations only (SPEC §5); tokens are an admin concern.
export function navFor(role: Role): NavItem[] {
  return ALL.filter((item) => item.roles.includes(role)).map(({ href, label }) => ({ href, label }));
}

export function roleLabel(role: Role): string {
  return role.charAt(0) + role.slice(1).toLowerCase();
}
