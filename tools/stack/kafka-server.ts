import { existsSync } from 'node:fs';
import { mkdir, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { runCommand, startDetached } from './processes.ts';
import type { StackLayout } from './layout.ts';

export interface KafkaPorts {
  kafkaPort: number;
  controllerPort: number;
}

/** Ports between one broker of the local cluster and the next: broker i listens on KAFKA_PORT + 10·(i−1), its controller on KAFKA_CONTROLLER_PORT + 10·(i−1). */
export const BROKER_PORT_STRIDE = 10;
/** Most brokers the local stack runs. */
export const MAX_LOCAL_BROKERS = 5;

/** One broker (+ KRaft controller) process of the local cluster: its node id, ports, and its own files. */
export interface KafkaNode {
  id: number;
  port: number;
  controllerPort: number;
  /** Its log directory (topics, metadata log, meta.properties). */
  dataDir: string;
  propsFile: string;
  pidFile: string;
  logFile: string;
}

/** A local KRaft cluster: a name (its files), its brokers, and the file holding its cluster id. */
export interface KafkaCluster {
  name: string;
  nodes: KafkaNode[];
  clusterIdFile: string;
  /** What `reset` deletes: the brokers' data and the cluster id. */
  dataRoot: string;
  /** Bootstrap servers: every broker. */
  brokers: string[];
}

/**
 * The brokers of a local cluster named `name` (`kafka`: the stack's own) of `count` brokers. One broker keeps the
 * stack's historical files (`kafka-data/`, `run/kafka.pid`, `logs/kafka.log`); a cluster of several lives in
 * `<name>-cluster-<count>/broker-<id>/`, so a three-broker cluster never reads a one-broker cluster's log. Broker 1's
 * PID and log files are `<name>.pid`/`<name>.log`, broker i's `<name>-<i>.pid`/`<name>-<i>.log`.
 */
export function kafkaCluster(layout: StackLayout, ports: KafkaPorts, count = 1, name = 'kafka'): KafkaCluster {
  if (!Number.isInteger(count) || count < 1 || count > MAX_LOCAL_BROKERS)
    throw new Error(`a local Kafka cluster has 1 to ${MAX_LOCAL_BROKERS} brokers, not ${count}`);
  const single = count === 1;
  const root = single
    ? name === 'kafka'
      ? layout.kafkaDataDir
      : path.join(layout.cacheDir, `${name}-data`)
    : path.join(layout.cacheDir, `${name}-cluster-${count}`);
  const nodes = Array.from({ length: count }, (_, i): KafkaNode => {
    const id = i + 1;
    const suffix = id === 1 ? '' : `-${id}`;
    const configDir = single
      ? name === 'kafka'
        ? layout.kafkaConfigDir
        : path.join(layout.runDir, `${name}-config`)
      : path.join(layout.runDir, `${name}-cluster-${count}`, `broker-${id}`);
    return {
      id,
      port: ports.kafkaPort + BROKER_PORT_STRIDE * i,
      controllerPort: ports.controllerPort + BROKER_PORT_STRIDE * i,
      dataDir: single ? root : path.join(root, `broker-${id}`),
      propsFile: path.join(configDir, 'server.properties'),
      pidFile: path.join(layout.runDir, `${name}${suffix}.pid`),
      logFile: path.join(layout.logsDir, `${name}${suffix}.log`),
    };
  });
  const used = nodes.flatMap((n) => [n.port, n.controllerPort]);
  const clash = used.find((p, i) => used.indexOf(p) !== i);
  if (clash !== undefined)
    throw new Error(
      `port ${clash} would serve two brokers: KAFKA_PORT and KAFKA_CONTROLLER_PORT must not differ by a multiple of ${BROKER_PORT_STRIDE} below ${BROKER_PORT_STRIDE * count}`,
    );
  return {
    name,
    nodes,
    clusterIdFile: single && name === 'kafka' ? layout.kafkaClusterIdFile : path.join(root, 'cluster-id'),
    dataRoot: root,
    brokers: nodes.map((n) => `127.0.0.1:${n.port}`),
  };
}

function serverProperties(cluster: KafkaCluster, node: KafkaNode): string {
  const count = cluster.nodes.length;
  // Internal topics (group offsets, transactions) as replicated as the pipeline's: a dead broker must not take the
  // consumer groups' offsets with it.
  const replicas = Math.min(3, count);
  const minIsr = count >= 3 ? 2 : 1;
  const lines = [
    'process.roles=broker,controller',
    `node.id=${node.id}`,
    `controller.quorum.voters=${cluster.nodes.map((n) => `${n.id}@127.0.0.1:${n.controllerPort}`).join(',')}`,
    `listeners=PLAINTEXT://127.0.0.1:${node.port},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${node.port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${node.dataDir}`,
    'num.partitions=3',
    // Topics are created explicitly with their configs by claimwatch; a typo must not make one.
    'auto.create.topics.enable=false',
    `offsets.topic.replication.factor=${replicas}`,
    `transaction.state.log.replication.factor=${replicas}`,
    `transaction.state.log.min.isr=${minIsr}`,
    `share.coordinator.state.topic.replication.factor=${replicas}`,
    `share.coordinator.state.topic.min.isr=${minIsr}`,
    'group.initial.rebalance.delay.ms=0',
    'delete.topic.enable=true',
    'log.retention.hours=-1',
    'log.segment.bytes=67108864',
  ];
  if (count > 1) {
    lines.push(
      `default.replication.factor=${replicas}`,
      `min.insync.replicas=${minIsr}`,
      // A broker killed outright is fenced (its partitions get new leaders from the ISR) after 6 s without a
      // heartbeat, not the default 9 s; long enough for a loaded 2-core machine not to fence a live one.
      'broker.heartbeat.interval.ms=1000',
      'broker.session.timeout.ms=6000',
      'replica.lag.time.max.ms=10000',
      // Three brokers share the machine: fewer threads each than a dedicated broker's defaults (3 network, 8 I/O).
      'num.network.threads=2',
      'num.io.threads=2',
      'unclean.leader.election.enable=false',
    );
  }
  return [...lines, ''].join('\n');
}

const log4j2 = [
  'status = warn',
  'appender.out.type = Console',
  'appender.out.name = STDOUT',
  'appender.out.layout.type = PatternLayout',
  'appender.out.layout.pattern = [%d] %p %m (%c)%n',
  'rootLogger.level = warn',
  'rootLogger.appenderRef.out.ref = STDOUT',
  'logger.kafka.name = kafka',
  'logger.kafka.level = warn',
  'logger.server.name = kafka.server.KafkaRaftServer',
  'logger.server.level = info',
  '',
].join('\n');

/** JVM flags of one broker: 256–512 MiB heap alone; in a cluster 128–320 MiB each and one GC thread (2 cores for all). */
function javaArgs(layout: StackLayout, mainClass: string, args: string[], brokers = 1): string[] {
  const memory =
    brokers === 1
      ? ['-Xms256m', '-Xmx512m']
      : ['-Xms128m', '-Xmx320m', '-XX:ParallelGCThreads=1', '-XX:ConcGCThreads=1', '-XX:CICompilerCount=2'];
  return [
    ...memory,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${path.join(layout.runDir, 'kafka-log4j2.properties')}`,
    '-cp',
    `${layout.kafkaLibs}/*`,
    mainClass,
    ...args,
  ];
}

/** Writes each broker's config and formats the KRaft storage of those not formatted yet (kept across restarts), in parallel. */
export async function prepareKafkaCluster(layout: StackLayout, cluster: KafkaCluster): Promise<void> {
  await mkdir(layout.runDir, { recursive: true });
  await writeFile(path.join(layout.runDir, 'kafka-log4j2.properties'), log4j2);
  await mkdir(path.dirname(cluster.clusterIdFile), { recursive: true });
  const clusterId = existsSync(cluster.clusterIdFile)
    ? (await readFile(cluster.clusterIdFile, 'utf8')).trim()
    : kafkaClusterId();
  await writeFile(cluster.clusterIdFile, clusterId);
  await Promise.all(
    cluster.nodes.map(async (node) => {
      await mkdir(path.dirname(node.propsFile), { recursive: true });
      await writeFile(node.propsFile, serverProperties(cluster, node));
      if (existsSync(path.join(node.dataDir, 'meta.properties'))) return;
      await runCommand(
        'java',
        javaArgs(
          layout,
          'kafka.tools.StorageTool',
          ['format', `--cluster-id=${clusterId}`, '-c', node.propsFile, '--ignore-formatted'],
          cluster.nodes.length,
        ),
      );
    }),
  );
}

// Kafka cluster ids are 16 random bytes in URL-safe base64 without padding. Like Kafka's own
// Uuid.randomUuid, never start with '-': the storage tool would read the id as an option.
export function kafkaClusterId(): string {
  for (;;) {
    const id = Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** Starts one broker+controller of the cluster in the background and returns its PID (marker: its config file). */
export async function startKafkaNode(layout: StackLayout, cluster: KafkaCluster, node: KafkaNode): Promise<number> {
  return startDetached({
    cmd: 'java',
    args: javaArgs(layout, 'kafka.Kafka', [node.propsFile], cluster.nodes.length),
    logFile: node.logFile,
    pidFile: node.pidFile,
    marker: node.propsFile,
  });
}

/** The stack's one-broker Kafka: writes its config, formats it once; returns its config file (`startKafka`'s argument). */
export async function prepareKafka(layout: StackLayout, ports: KafkaPorts): Promise<string> {
  const cluster = kafkaCluster(layout, ports);
  await prepareKafkaCluster(layout, cluster);
  return cluster.nodes[0]!.propsFile;
}

/** Starts the one-broker Kafka prepared by `prepareKafka` in the background and returns its PID. */
export async function startKafka(layout: StackLayout, propsFile: string): Promise<number> {
  return startDetached({
    cmd: 'java',
    args: javaArgs(layout, 'kafka.Kafka', [propsFile]),
    logFile: layout.logFile('kafka'),
    pidFile: layout.pidFile('kafka'),
    marker: propsFile,
  });
}
