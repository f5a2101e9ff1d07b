import { createKafkaBus } from '../../services/platform/kafka.ts';
import { anyReachable } from '../../services/platform/reachable.ts';
import { waitUntilHealthy, type Health } from '../../services/platform/probes.ts';
import type { Logger } from '../../services/platform/logger.ts';
import { installKafka } from './install.ts';
import { prepareKafkaCluster, startKafkaNode, type KafkaCluster, type KafkaNode } from './kafka-server.ts';
import { isOurProcess, readPidFile, stopByPidFile, tailFile } from './processes.ts';
import { StackStartError } from './errors.ts';
import type { StackLayout } from './layout.ts';

/** The PID of a broker of this cluster when it runs (its PID file's process, started with this cluster's config). */
export async function kafkaNodePid(node: KafkaNode): Promise<number | null> {
  const record = await readPidFile(node.pidFile);
  return record !== undefined && record.marker === node.propsFile && isOurProcess(record) ? record.pid : null;
}

/**
 * One readiness probe of a whole cluster: a metadata call through every broker's address that must list all
 * `cluster.nodes` (a cluster of three where one broker has not joined yet is not ready).
 */
export async function probeKafkaCluster(cluster: KafkaCluster, log: Logger): Promise<Health> {
  const tcp = await anyReachable(cluster.brokers, 2000);
  if (!tcp.ok) return { ok: false, detail: `Kafka at ${cluster.brokers.join(',')} is not reachable (${tcp.reason})` };
  const bus = createKafkaBus({
    brokers: cluster.brokers,
    clientId: 'claimwatch-probe',
    retries: 0,
    log: log.child({ component: 'probe' }, { level: 'fatal' }),
  });
  try {
    const d = await Promise.race([
      bus.describeCluster(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out after 5000 ms')), 5000)),
    ]);
    const want = cluster.nodes.length;
    return d.brokers >= want
      ? { ok: true, detail: `cluster ${d.clusterId}, ${d.brokers} broker(s)` }
      : { ok: false, detail: `${d.brokers} of ${want} brokers registered` };
  } catch (err) {
    return { ok: false, detail: (err as Error).message };
  } finally {
    await bus.close();
  }
}

/** Starts (installing the jars on first use) the brokers of a local cluster that do not run, and waits until all serve. */
export async function upKafkaCluster(
  layout: StackLayout,
  cluster: KafkaCluster,
  log: Logger,
): Promise<'started' | 'running'> {
  const pids = await Promise.all(cluster.nodes.map(kafkaNodePid));
  if (pids.every((p) => p !== null) && (await probeKafkaCluster(cluster, log)).ok) return 'running';
  await installKafka(layout, log);
  await prepareKafkaCluster(layout, cluster);
  const started: Array<{ node: KafkaNode; pid: number }> = [];
  for (const [i, node] of cluster.nodes.entries()) {
    if (pids[i] !== null) continue;
    const pid = await startKafkaNode(layout, cluster, node);
    started.push({ node, pid });
    log.info(
      { pid, broker: node.id, address: `127.0.0.1:${node.port}`, controller: node.controllerPort },
      'Kafka broker starting',
    );
  }
  const dead = () => started.find((s) => !isOurProcess({ pid: s.pid, marker: s.node.propsFile }));
  const health = await waitUntilHealthy(() => probeKafkaCluster(cluster, log), {
    timeoutMs: 120_000,
    stillAlive: () => dead() === undefined,
  });
  if (!health.ok) {
    const culprit = dead()?.node ?? started[0]?.node ?? cluster.nodes[0]!;
    throw new StackStartError(
      'kafka',
      `${health.detail} (broker ${culprit.id})`,
      await tailFile(culprit.logFile),
      culprit.logFile,
    );
  }
  return 'started';
}

/** Stops every broker of the cluster that runs (SIGTERM, then SIGKILL after `graceMs`), all at once. */
export async function downKafkaCluster(cluster: KafkaCluster, graceMs = 20_000): Promise<'stopped' | 'not-running'> {
  const results = await Promise.all(cluster.nodes.map((n) => stopByPidFile(n.pidFile, graceMs)));
  return results.includes('stopped') ? 'stopped' : 'not-running';
}
