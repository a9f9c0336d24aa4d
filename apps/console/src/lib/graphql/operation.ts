// A GraphQL document tagged with the types of its result and variables.
export interface Operation<TData, TVars> {
  readonly name: string;
  readonly document: string;
  // Phantom fields: they carry the types only and are never set.
  readonly __data?: TData;
  readonly __vars?: TVars;
}

export function operation<TData, TVars = Record<string, never>>(name: string, document: string): Operation<TData, TVars> {
  return { name, document };
}

export const TOUCHPOINT_REF = 'id key name channel';
export const TOUCHPOINT_FIELDS = `${TOUCHPOINT_REF} type mode ownerTeam monthlyCost facts`;
export const SYNC_RUN_FIELDS = 'id status startedAt finishedAt pages eventsAccepted eventsRejected error';
export const FINDING_FIELDS = `rule severity change evidence touchpoints { ${TOUCHPOINT_REF} }`;
export const ROI_FIELDS = 'id status roi incrementalRevenue ciLow ciHigh kpiDeltas createdAt';
export const RISK_FIELDS = `touchpoint { ${TOUCHPOINT_REF} } score rank level volume negativeShare complaintRate trend`;
export const SCHEDULE_FIELDS = 'kind targetId cron timeZone nextRuns';
export const NOTIFICATION_DELIVERY_FIELDS = 'id event status attempts responseStatus error createdAt lastAttemptAt deliveredAt alertId';
export const NOTIFICATION_WEBHOOK_FIELDS = `id name urlHint events enabled createdAt updatedAt lastDelivery { ${NOTIFICATION_DELIVERY_FIELDS} }`;
