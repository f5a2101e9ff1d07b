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

function serverProperties(layout: StackLayout, ports: KafkaPorts): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${ports.controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${ports.kafkaPort},CONTROLLER://127.0.0.1:${ports.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${ports.kafkaPort}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${layout.kafkaDataDir}`,
    'num.partitions=3',
    // Topics are created explicitly with their configs by claimwatch; a typo must not make one.
    'auto.create.topics.enable=false',
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'delete.topic.enable=true',
    'log.retention.hours=-1',
    'log.segment.bytes=67108864',
    '',
  ].join('\n');
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

function javaArgs(layout: StackLayout, mainClass: string, args: string[]): string[] {
  return [
    '-Xms256m', '-Xmx512m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${path.join(layout.kafkaConfigDir, 'log4j2.properties')}`,
    '-cp', `${layout.kafkaLibs}/*`,
    mainClass, ...args,
  ];
}

/** Writes the broker config and formats the KRaft storage once (kept across restarts). */
export async function prepareKafka(layout: StackLayout, ports: KafkaPorts): Promise<string> {
  await mkdir(layout.kafkaConfigDir, { recursive: true });
  const propsFile = path.join(layout.kafkaConfigDir, 'server.properties');
  await writeFile(propsFile, serverProperties(layout, ports));
  await writeFile(path.join(layout.kafkaConfigDir, 'log4j2.properties'), log4j2);
  if (!existsSync(path.join(layout.kafkaDataDir, 'meta.properties'))) {
    const idFile = layout.kafkaClusterIdFile;
    const clusterId = existsSync(idFile) ? (await readFile(idFile, 'utf8')).trim() : kafkaClusterId();
    await writeFile(idFile, clusterId);
    await runCommand('java', javaArgs(layout, 'kafka.tools.StorageTool', ['format', `--cluster-id=${clusterId}`, '-c', propsFile, '--ignore-formatted']));
  }
  return propsFile;
}

// Kafka cluster ids are 16 random bytes in URL-safe base64 without padding. Like Kafka's own
// Uuid.randomUuid, never start with '-': the storage tool would read the id as an option.
export function kafkaClusterId(): string {
  for (;;) {
    const id = Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** Starts the single-node KRaft broker+controller in the background and returns its PID. */
export async function startKafka(layout: StackLayout, propsFile: string): Promise<number> {
  return startDetached({
    cmd: 'java',
    args: [...javaArgs(layout, 'kafka.Kafka', [propsFile])],
    logFile: layout.logFile('kafka'),
    pidFile: layout.pidFile('kafka'),
    marker: propsFile,
  });
}
