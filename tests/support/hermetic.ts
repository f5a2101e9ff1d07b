import { existsSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { dataConverter, installTemporalRuntime } from '../../services/platform/temporal.ts';
import { workflowBundle } from '../../workflows/bundle.ts';
import { stackLayout } from '../../tools/stack/layout.ts';
import { testContext, uniqueName } from './harness.ts';

// Hermetic workflow tests (tier `hermetic`, *.hermetic.test.ts): the real workflow code on a private, in-memory
// Temporal dev server started for the test file, with activities mocked in the test. No Kafka, no shared stack:
// the server is the Temporal CLI the local stack installs (`npx claimwatch stack up` or `npm test` puts it in the
// cache), started on a free port; the SDK's time-skipping server would be downloaded, which needs the internet.

const quiet = testContext({ LOG_LEVEL: 'error' }).log;

/** The Temporal CLI of the local stack in CLAIMWATCH_CACHE_DIR; a clear error when it is not installed yet. */
export function temporalCli(): string {
  const { config } = testContext();
  const binary = stackLayout(config.cacheDir).temporalBinary;
  if (!existsSync(binary))
    throw new Error(
      `no Temporal CLI at ${binary}: run \`npx claimwatch stack up\` once (or \`npm test\`, which installs it)`,
    );
  return binary;
}

/** A private dev server (in memory, free port, no UI) with claimwatch's data converter; call `teardown` after. */
export async function hermeticEnvironment(): Promise<TestWorkflowEnvironment> {
  installTemporalRuntime(quiet);
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCli() },
      ip: '127.0.0.1',
      log: { format: 'json', level: 'error' },
    },
    client: { dataConverter },
  });
}

/** For a test file: a private server started before its tests and torn down after them; call the result to get it. */
export function hermeticServer(): () => TestWorkflowEnvironment {
  let env: TestWorkflowEnvironment | undefined;
  beforeAll(async () => {
    // The workflow bundle (webpack, tens of seconds on a loaded machine) is built here, under the hook's timeout, not
    // inside the first test's.
    [env] = await Promise.all([hermeticEnvironment(), workflowBundle(quiet)]);
  });
  afterAll(async () => {
    await env?.teardown();
  });
  return () => {
    if (!env) throw new Error('the hermetic server has not started');
    return env;
  };
}

/** Runs `body` while a worker with the whole workflow bundle and the given (mock) activities polls a fresh task queue. */
export async function withMockedWorker<T>(
  env: TestWorkflowEnvironment,
  activities: object,
  body: (taskQueue: string) => Promise<T>,
): Promise<T> {
  const taskQueue = uniqueName('hermetic-q');
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await workflowBundle(quiet),
    dataConverter,
    activities,
  });
  return worker.runUntil(body(taskQueue));
}
