// The workflow bundle's entry: every workflow the worker serves is exported here.
export { smokeWorkflow } from './smoke/workflow.ts';
