#!/usr/bin/env node
// Entry point for `npx claimwatch`: registers tsx so the TypeScript sources run without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../services/cli/main.ts');
