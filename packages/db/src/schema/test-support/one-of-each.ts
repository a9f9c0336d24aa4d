import type { DbPrisma } from '../../client/db.js';

// Creates one row of every model with every optional field set, reading each back through Prisma,
// so a column Prisma expects but the migration lacks (or types differently) fails loudly.
export async function createOneOfEachModel(prisma: DbPrisma): Promise<Record<string, unknown>> {
  const at = new Date('2026-03-01T10:00:00.000Z');
  const ws = await prisma.workspace.create({ data: { name: 'Every model', timeZone: 'Europe/Lisbon', storeRawContacts: true } });
  const w = { workspaceId: ws.id };
  const user = await prisma.user.create({ data: { ...w, email: 'a@example.com', name: 'A', role: 'ADMIN' } });
  const apiToken = await prisma.apiToken.create({
    data: { ...w, userId: user.id, name: 't', role: 'ANALYST', tokenHash: 'h'.repeat(64), prefix: 'wmk_abc', lastUsedAt: at, expiresAt: at, revokedAt: at },
  });
  const journey = await prisma.journey.create({ data: { ...w, name: 'J', description: 'd' } });
  const stage = await prisma.stage.create({ data: { ...w, journeyId: journey.id, name: 'S', position: 0 } });
  const touchpoint = await prisma.touchpoint.create({
    data: { ...w, stageId: stage.id, key: 'web.home', name: 'Home', type: 'CONTACT', channel: 'web', mode: 'ONLINE', ownerTeam: 'web', monthlyCost: 10.5, facts: { 'price.standard_room': '189 EUR' } },
  });
  const customer = await prisma.customer.create({ data: { ...w } });
  const merged = await prisma.customer.create({ data: { ...w, mergedIntoId: customer.id } });
  const customerIdentity = await prisma.customerIdentity.create({ data: { ...w, customerId: customer.id, ref: 'crm:hubspot:1' } });
  // the workspace keeps kpi_conversion_days, filled by the events trigger below
  await prisma.kpiConversionWorkspace.create({ data: { ...w, enabledAt: at } });
  const event = await prisma.event.create({
    data: {
      ...w, source: 'test', externalId: 'e1', touchpointId: touchpoint.id, customerId: merged.id, occurredAt: at, kind: 'SURVEY',
      value: 12.5, csat: 5, nps: 10, ces: 2, sentiment: -0.5, text: 'great', attributes: { a: [1, 'x'] },
    },
  });
  // a deferred insert (as a sync writes) leaves its id pending for the next fold
  await prisma.$transaction([
    prisma.$queryRaw`SELECT set_config('waymark.kpi_defer', 'on', true)`,
    prisma.event.create({ data: { ...w, source: 'test', externalId: 'e2', touchpointId: touchpoint.id, customerId: customer.id, occurredAt: at, kind: 'VIEW' } }),
  ]);
  const integration = await prisma.integration.create({
    data: { ...w, name: 'CRM', pluginId: 'crm-hubspot', pluginVersion: '1.0.0', config: { portal: 1 }, secrets: 'v1:k:iv:tag:ct', schedule: '0 * * * *', enabled: false, cursor: { after: 'x' }, lastSyncAt: at },
  });
  const syncRun = await prisma.syncRun.create({
    data: { ...w, integrationId: integration.id, status: 'RUNNING', workflowId: 'wf', pages: 1, events: 2, duplicates: 3, rejected: 4, error: 'e', finishedAt: at },
  });
  const rejectedEvent = await prisma.rejectedEvent.create({
    data: { ...w, source: 'test', externalId: 'bad', rowIndex: 3, reason: 'nps must be an integer 0–10, got 11', payload: { nps: 11 }, syncRunId: syncRun.id },
  });
  const initiative = await prisma.initiative.create({ data: { ...w, name: 'I', description: 'd', startDate: at, endDate: at, cost: 1000 } });
  const initiativeTouchpoint = await prisma.initiativeTouchpoint.create({ data: { ...w, initiativeId: initiative.id, touchpointId: touchpoint.id } });
  const roiEvaluation = await prisma.roiEvaluation.create({
    data: { ...w, initiativeId: initiative.id, status: 'COMPLETED', workflowId: 'wf', windowFrom: at, windowTo: at, roi: 1.5, incrementalRevenue: 10, ciLow: 1, ciHigh: 2, kpiDeltas: { nps: 1 }, error: null, completedAt: at },
  });
  const consistencyAudit = await prisma.consistencyAudit.create({
    data: { ...w, journeyId: journey.id, status: 'COMPLETED', workflowId: 'wf', settings: { x: 1 }, error: 'e', completedAt: at },
  });
  const finding = await prisma.finding.create({
    data: { ...w, auditId: consistencyAudit.id, rule: 'price-mismatch', severity: 'HIGH', fingerprint: 'f', touchpointIds: [touchpoint.id], evidence: { a: 1 }, change: 'NEW' },
  });
  const kpiThreshold = await prisma.kpiThreshold.create({
    data: { ...w, touchpointId: touchpoint.id, metric: 'NPS', direction: 'ABOVE', value: 10, windowDays: 3, minSample: 5, enabled: false },
  });
  const alert = await prisma.alert.create({
    data: { ...w, touchpointId: touchpoint.id, thresholdId: kpiThreshold.id, metric: 'NPS', status: 'ACKNOWLEDGED', value: 3, threshold: 10, sampleSize: 12, acknowledgedAt: at, resolvedAt: at },
  });
  const touchpointRisk = await prisma.touchpointRisk.create({ data: { ...w, journeyId: journey.id, touchpointId: touchpoint.id, score: 0.7, components: { a: 1 } } });
  const auditLogEntry = await prisma.auditLogEntry.create({
    data: { ...w, actorId: user.id, actorRole: 'ADMIN', action: 'journey.create', entityType: 'Journey', entityId: journey.id, details: { name: 'J' } },
  });
  const webhook = await prisma.notificationWebhook.create({
    data: { ...w, name: 'Ops', urlHint: 'https://hooks.example.com/…', target: 'wm1.k.iv.tag.ct', events: ['ALERT_OPENED', 'ALERT_RESOLVED'], enabled: false },
  });
  const delivery = await prisma.notificationDelivery.create({
    data: { ...w, webhookId: webhook.id, alertId: alert.id, event: 'alert.opened', payload: { type: 'alert.opened' }, status: 'FAILED', attempts: 2, responseStatus: 503, error: 'HTTP 503', lastAttemptAt: at, deliveredAt: at },
  });
  await prisma.schedule.create({ data: { ...w, kind: 'risk', targetId: journey.id, cron: '0 6 * * *', timeZone: 'Europe/Lisbon' } });
  const rows: Record<string, unknown> = {
    Workspace: await prisma.workspace.findUniqueOrThrow({ where: { id: ws.id } }),
    User: await prisma.user.findUniqueOrThrow({ where: { id: user.id } }),
    ApiToken: await prisma.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } }),
    Journey: await prisma.journey.findUniqueOrThrow({ where: { id: journey.id } }),
    Stage: await prisma.stage.findUniqueOrThrow({ where: { id: stage.id } }),
    Touchpoint: await prisma.touchpoint.findUniqueOrThrow({ where: { id: touchpoint.id } }),
    Customer: await prisma.customer.findUniqueOrThrow({ where: { id: merged.id } }),
    CustomerIdentity: await prisma.customerIdentity.findUniqueOrThrow({ where: { id: customerIdentity.id } }),
    Event: await prisma.event.findUniqueOrThrow({ where: { id: event.id } }),
    RejectedEvent: await prisma.rejectedEvent.findUniqueOrThrow({ where: { id: rejectedEvent.id } }),
    Integration: await prisma.integration.findUniqueOrThrow({ where: { id: integration.id }, omit: { secrets: false } }),
    SyncRun: await prisma.syncRun.findUniqueOrThrow({ where: { id: syncRun.id } }),
    Initiative: await prisma.initiative.findUniqueOrThrow({ where: { id: initiative.id } }),
    InitiativeTouchpoint: await prisma.initiativeTouchpoint.findUniqueOrThrow({
      where: { initiativeId_touchpointId: { initiativeId: initiativeTouchpoint.initiativeId, touchpointId: touchpoint.id } },
    }),
    RoiEvaluation: await prisma.roiEvaluation.findUniqueOrThrow({ where: { id: roiEvaluation.id } }),
    ConsistencyAudit: await prisma.consistencyAudit.findUniqueOrThrow({ where: { id: consistencyAudit.id } }),
    Finding: await prisma.finding.findUniqueOrThrow({ where: { id: finding.id } }),
    KpiThreshold: await prisma.kpiThreshold.findUniqueOrThrow({ where: { id: kpiThreshold.id } }),
    Alert: await prisma.alert.findUniqueOrThrow({ where: { id: alert.id } }),
    TouchpointRisk: await prisma.touchpointRisk.findUniqueOrThrow({ where: { id: touchpointRisk.id } }),
    AuditLogEntry: await prisma.auditLogEntry.findUniqueOrThrow({ where: { id: auditLogEntry.id } }),
    Schedule: await prisma.schedule.findFirstOrThrow({ where: { ...w } }),
    NotificationWebhook: await prisma.notificationWebhook.findUniqueOrThrow({ where: { id: webhook.id }, omit: { target: false } }),
    NotificationDelivery: await prisma.notificationDelivery.findUniqueOrThrow({ where: { id: delivery.id } }),
    // Filled by the events trigger.
    KpiRollupSlot: await prisma.kpiRollupSlot.findFirstOrThrow({ where: { ...w } }),
    KpiRollupDay: await prisma.kpiRollupDay.findFirstOrThrow({ where: { ...w } }),
    KpiCustomerStage: await prisma.kpiCustomerStage.findFirstOrThrow({ where: { ...w } }),
    KpiConversionDay: await prisma.kpiConversionDay.findFirstOrThrow({ where: { ...w } }),
    KpiConversionWorkspace: await prisma.kpiConversionWorkspace.findFirstOrThrow({ where: { ...w } }),
    KpiRollupPending: await prisma.kpiRollupPending.findFirstOrThrow({ where: { ...w } }),
  };
  return rows;
}
