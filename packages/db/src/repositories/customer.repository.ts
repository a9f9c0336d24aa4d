import type { DbPrisma } from '../client/db.js';
import type { Customer, CustomerIdentity } from '../generated/prisma/client.js';
import { normaliseRef } from '../identity/refs.js';
import { scopedClient as scoped } from '../scoping/workspace-scope.js';

export type CustomerWithIdentities = Customer & { identities: CustomerIdentity[] };

// Customers as stitched by ingestion. A merged customer id still resolves, to its survivor.
export function customerRepository(prisma: DbPrisma, workspaceId: string) {
  const db = scoped(prisma, workspaceId);
  const withIdentities = { include: { identities: { orderBy: { createdAt: 'asc' } } } } as const;
  return {
    async find(id: string): Promise<CustomerWithIdentities | null> {
      const row = await db.customer.findFirst({ where: { id }, select: { id: true, mergedIntoId: true } });
      if (!row) return null;
      return db.customer.findFirst({ where: { id: row.mergedIntoId ?? row.id }, ...withIdentities });
    },
    // ref as a source sends it ("email:Ana@Example.com"); normalised and hashed like ingestion does.
    async findByRef(ref: string): Promise<CustomerWithIdentities | null> {
      const ws = await db.workspace.findFirst({ select: { storeRawContacts: true } });
      const identity = await db.customerIdentity.findFirst({ where: { ref: normaliseRef(ref, ws?.storeRawContacts ?? false) } });
      return identity ? db.customer.findFirst({ where: { id: identity.customerId }, ...withIdentities }) : null;
    },
    // Surviving customers only (merged ones live on in their survivor).
    count(): Promise<number> {
      return db.customer.count({ where: { mergedIntoId: null } });
    },
  };
}
