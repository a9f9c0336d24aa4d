export interface PingDeps {
  workerName: string;
}

export function createPingActivities(deps: PingDeps) {
  return {
    async hostname(): Promise<string> {
      return deps.workerName;
    },
  };
}

export type PingActivities = ReturnType<typeof createPingActivities>;
