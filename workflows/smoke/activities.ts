/** Activities of the smoke workflow, built by a factory so the worker can inject its dependencies. */
export function createSmokeActivities(deps: { workerIdentity: string }) {
  return {
    /** Answers from inside a worker process, proving the task queue is served. */
    async describeWorker(echo: string): Promise<{ echo: string; worker: string; pid: number }> {
      return { echo, worker: deps.workerIdentity, pid: process.pid };
    },
  };
}

export type SmokeActivities = ReturnType<typeof createSmokeActivities>;
