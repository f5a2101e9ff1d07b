// The workflow bundle's entry: every workflow the worker serves is exported here.
export { smokeWorkflow } from './smoke/workflow.ts';
export { processArticle, processArticleBatch } from './process-article/workflow.ts';
export { seriesTally } from './series-tally/workflow.ts';
export { subscriptionWorkflow } from './webhooks/workflow.ts';
export { backfill } from './backfill/workflow.ts';
