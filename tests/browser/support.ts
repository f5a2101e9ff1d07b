import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../../services/platform/config.ts';
import type { Logger } from '../../services/platform/logger.ts';
import { createProjector, type Projector } from '../../services/pipeline/projector/projector.ts';
import type { ReadModel } from '../../services/stores/read-model/read-model.ts';
import { httpService } from '../../services/app/http.ts';
import type { PipelineContext } from '../../services/app/pipeline.ts';
import { topicNames } from '../../schemas/topics.ts';
import { freePort } from '../support/harness.ts';
import { caughtUpWith } from '../support/caught-up.ts';

/** Debian's Chromium (installed by .ci/run); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(repoRoot, 'test-results', 'screenshots');

export function launchChromium(): Promise<Browser> {
  // --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface ServedDashboard {
  url: string;
  projector: Projector;
  stop(): Promise<void>;
}

/** The projector and the HTTP service of `ctx` on a free loopback port, as `npm start` composes them. */
export async function serveDashboard(
  ctx: PipelineContext,
  readModel: ReadModel,
  options: { token?: string; log?: Logger; taskQueue?: string } = {},
): Promise<ServedDashboard> {
  const port = await freePort();
  const projector = createProjector({
    bus: ctx.bus,
    readModel,
    prefix: ctx.config.kafka.topicPrefix,
    claimTopics: ctx.claimTopics,
    log: options.log ?? ctx.log,
  });
  await projector.start();
  const config = {
    ...ctx.config,
    http: { ...ctx.config.http, host: '127.0.0.1', port, token: options.token },
    // Backfills start on the task queue of the test's own worker.
    temporal: { ...ctx.config.temporal, taskQueue: options.taskQueue ?? ctx.config.temporal.taskQueue },
  };
  const http = await httpService({ ...ctx, config }, readModel);
  await http.start();
  return {
    url: http.url() ?? `http://127.0.0.1:${port}`,
    projector,
    async stop() {
      await http.stop();
      await projector.stop();
    },
  };
}

/**
 * Waits until the read model has applied everything now on the claims topics of `ctx`. Call it once the pipeline has
 * settled (every claim published): then the page shows the final tallies, and nothing the live stream still brings
 * changes a figure, a count or a row the test reads (one series reaching a figure says nothing of the others).
 */
export async function readModelCaughtUp(ctx: PipelineContext, readModel: ReadModel): Promise<void> {
  const names = topicNames(ctx.config.kafka.topicPrefix);
  await caughtUpWith(ctx.bus, ctx.claimTopics.map(names.claims), () => readModel.positions(), {
    timeoutMs: 120_000,
    what: 'the read model to apply every claim',
  });
}
