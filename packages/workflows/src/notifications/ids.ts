// Shared by the client and the KPI watch workflow (which must not import the client).
export function deliveryWorkflowId(deliveryId: string): string {
  return `notification-${deliveryId}`;
}
