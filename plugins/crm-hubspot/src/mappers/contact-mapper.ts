import type { SimplePublicObject } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import type { IdentityLink } from '@waymark/plugin-sdk';

export const CONTACT_PROPERTIES = ['email', 'phone', 'mobilephone', 'firstname', 'lastname', 'lastmodifieddate'];

/** `crm:hubspot:<id>` ↔ `email:<email>` ↔ `phone:<digits>`; undefined when the contact has no other identity. */
export function contactLink(contact: SimplePublicObject): IdentityLink | undefined {
  const refs = [`crm:hubspot:${contact.id}`];
  const email = contact.properties.email?.trim().toLowerCase();
  if (email && email.includes('@')) refs.push(`email:${email}`);
  for (const phone of [contact.properties.phone, contact.properties.mobilephone]) {
    const normalised = normalisePhone(phone);
    if (normalised && !refs.includes(`phone:${normalised}`)) refs.push(`phone:${normalised}`);
  }
  return refs.length > 1 ? { refs } : undefined;
}

// Keep a leading + and the digits, so "+351 912-345 678" and "+351912345678" are one identity.
export function normalisePhone(phone: string | null | undefined): string | undefined {
  if (!phone) return undefined;
  const digits = phone.replace(/[^\d]/g, '');
  if (digits.length < 6) return undefined;
  return phone.trim().startsWith('+') ? `+${digits}` : digits;
}
