import type { DbPrisma } from '../client/db.js';
import type { KpiThreshold, Metric, ThresholdDirection } from '../generated/prisma/client.js';
import { scoped } from './scoped-cache.js';

export interface ThresholdSetting {
  touchpointId: string;
  metric: Metric;
  direction: ThresholdDirection;
  value: number;
  windowDays?: number;
  minSample?: number;
  enabled?: boolean;
}

export function thresholdRepository(prisma: DbPrisma, workspaceId: string) {
  const db = scoped(prisma, workspaceId);
  return {
    list(touchpointId?: string | null): Promise<KpiThreshold[]> {
      return db.kpiThreshold.findMany({ where: touchpointId ? { touchpointId } : {}, orderBy: { createdAt: 'asc' } });
    },
    // One threshold per touchpoint and metric: setting it again replaces it.
    set(setting: ThresholdSetting): Promise<KpiThreshold> {
      const { touchpointId, metric, ...rest } = setting;
      return db.kpiThreshold.upsert({
        where: { workspaceId_touchpointId_metric: { workspaceId, touchpointId, metric } },
        create: { workspaceId, touchpointId, metric, ...rest },
        update: rest,
      });
    },
    async delete(id: string): Promise<boolean> {
      const { count } = await db.kpiThreshold.deleteMany({ where: { id } });
      return count > 0;
    },
  };
}
