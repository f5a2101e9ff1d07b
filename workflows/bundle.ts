import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Logger } from '../services/platform/logger.ts';

/** Path of the workflow bundle's entry module. */
export const workflowsPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'index.ts');

let cached: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundles the workflow code once per process (webpack is slow); every Worker.create reuses it. */
export function workflowBundle(log?: Logger): Promise<WorkflowBundleWithSourceMap> {
  cached ??= bundleWorkflowCode({
    workflowsPath,
    logger: log ? { ...quietBundlerLogger(log) } : undefined,
  });
  return cached;
}

function quietBundlerLogger(log: Logger) {
  const l = log.child({ component: 'workflow-bundler' });
  return {
    trace: () => undefined,
    debug: () => undefined,
    info: (message: string) => l.debug(message),
    warn: (message: string, meta?: Record<string, unknown>) => l.warn(meta ?? {}, message),
    error: (message: string, meta?: Record<string, unknown>) => l.error(meta ?? {}, message),
    log: () => undefined,
  };
}
