// A deliberately incompatible edit of pingWorkflow (a timer where v1 scheduled an activity), used to
// prove that the replay test fails the build on an unpatched change.
import { sleep } from '@temporalio/workflow';

export async function pingWorkflow(name: string): Promise<string> {
  await sleep(1);
  return `pong ${name}`;
}
