export interface NotificationDeliveryInput {
  deliveryId: string;
  // Tests shorten the backoff; production uses DELIVERY_RETRY.
  retry?: { initialIntervalMs: number; maximumAttempts: number };
}

export interface NotificationDeliveryResult {
  status: 'DELIVERED' | 'FAILED' | 'SKIPPED';
}

// 30 s, 1 min, 2 min … capped at 30 min: about 1 h 30 min over 8 attempts, long enough to ride out
// a receiver's deploy or outage.
export const DELIVERY_RETRY = { initialIntervalMs: 30_000, maximumAttempts: 8 } as const;
