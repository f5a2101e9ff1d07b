import type { Command } from 'commander';
import type { Config } from '../../platform/config.ts';
import { anyReachable } from '../../platform/reachable.ts';

/** A backing service a command talks to. */
export type BackingService = 'kafka' | 'temporal';

/** A check of a command's arguments against what exists (topics, series, …); throws UsageError. */
export type ArgumentCheck = (cmd: Command) => void | Promise<void>;

const needs = new WeakMap<Command, readonly BackingService[]>();
const checks = new WeakMap<Command, ArgumentCheck>();

/** Marks a command as needing Kafka and/or Temporal: main.ts probes them before its action runs. Returns the command. */
export function needsServices(cmd: Command, services: readonly BackingService[]): Command {
  needs.set(cmd, services);
  return cmd;
}

/** Gives a command a check of its arguments that main.ts runs before probing services (a typo is exit 2, stack up or not). */
export function checkArguments(cmd: Command, check: ArgumentCheck): Command {
  checks.set(cmd, check);
  return cmd;
}

/** The argument check of a command, if it has one. */
export function argumentCheckOf(cmd: Command): ArgumentCheck | undefined {
  return checks.get(cmd);
}

/** The services a command (or the nearest parent that says) needs; none when nobody said. */
export function servicesNeededBy(cmd: Command): readonly BackingService[] {
  for (let c: Command | null = cmd; c; c = c.parent) {
    const n = needs.get(c);
    if (n) return n;
  }
  return [];
}

/** Thrown when a backing service does not answer; its message says which and how to start it. */
export class ServiceDownError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceDownError';
  }
}

const PROBE_MS = 2000;

interface Down {
  service: BackingService;
  reason: string;
}

/**
 * The sentences for services that did not answer: a local stack's are named together with the commands that start
 * it; a cluster named by KAFKA_BROKERS / TEMPORAL_ADDRESS gets the variable to check.
 */
export function describeDown(down: readonly Down[], config: Config): string[] {
  const name = (s: BackingService) => (s === 'kafka' ? 'Kafka' : 'Temporal');
  const where = (s: BackingService) => (s === 'kafka' ? config.kafka.brokers.join(',') : config.temporal.address);
  const external = (s: BackingService) => (s === 'kafka' ? config.kafka.external : config.temporal.external);
  const local = down.filter((d) => !external(d.service));
  const lines = down
    .filter((d) => external(d.service))
    .map(
      (d) =>
        `${name(d.service)} is not reachable at ${where(d.service)} (${d.reason}): check ${d.service === 'kafka' ? 'KAFKA_BROKERS' : 'TEMPORAL_ADDRESS'} and that the cluster is up`,
    );
  if (local.length > 0) {
    const list = local.map((d) => `${name(d.service)} (${where(d.service)}: ${d.reason})`).join(' and ');
    lines.unshift(
      `${list} ${local.length > 1 ? 'are' : 'is'} not running: start the local stack with \`npm start\` (the whole pipeline) or \`npx claimwatch stack up\` (Kafka and Temporal only)`,
    );
  }
  return lines;
}

/**
 * Probes each service once (TCP, at most 2 s, in parallel) and throws ServiceDownError naming every one that did
 * not answer. Called by main.ts before a command that needs them, so a stopped stack fails in words at once instead
 * of after a minute of client retries.
 */
export async function requireServices(services: readonly BackingService[], config: Config): Promise<void> {
  const results = await Promise.all(
    services.map(async (service) => ({
      service,
      r: await anyReachable(service === 'kafka' ? config.kafka.brokers : [config.temporal.address], PROBE_MS),
    })),
  );
  const down = results.flatMap(({ service, r }) => (r.ok ? [] : [{ service, reason: r.reason }]));
  if (down.length > 0) throw new ServiceDownError(describeDown(down, config).join('\nclaimwatch: '));
}
