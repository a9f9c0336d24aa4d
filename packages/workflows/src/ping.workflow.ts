import { proxyActivities } from '@temporalio/workflow';
import type { PingActivities } from './ping/activities.js';

const { hostname } = proxyActivities<PingActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumAttempts: 3 },
});

// Smallest round trip through a worker: proves connection, bundle and activity wiring.
export async function pingWorkflow(name: string): Promise<string> {
  const worker = await hostname();
  return `pong ${name} from ${worker}`;
}
