import type { Command } from 'commander';
import { createStack } from '../../../../tools/stack/stack.ts';
import { summaryOf } from '../manifest.ts';
import { cliContext } from '../context.ts';

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const dataLine = (d: { kafka: number; temporal: number; claimwatch: number; postgres: number }): string =>
  `kafka ${mib(d.kafka)}, temporal ${mib(d.temporal)}, claimwatch ${mib(d.claimwatch)}${d.postgres > 0 ? `, postgres ${mib(d.postgres)}` : ''}`;

/** `claimwatch stack up|down|status|logs|reset`: manages the embedded local Kafka + Temporal stack. */
export function registerStackCommand(program: Command): void {
  const stack = program.command('stack').description(summaryOf('stack'));

  stack
    .command('up')
    .description('install (first use) and start Kafka and the Temporal dev server (and Postgres); idempotent')
    .option(
      '--postgres',
      'also start the local PostgreSQL server of the shared dedup index (default with DEDUP_STORE=postgres)',
    )
    .option(
      '--brokers <n>',
      'run Kafka as a KRaft cluster of n brokers (1-5) on KAFKA_PORT + 10·(i−1); default KAFKA_LOCAL_BROKERS or 1',
    )
    .action(async (opts: { postgres?: boolean; brokers?: string }) => {
      const { config, log } = cliContext();
      const started = Date.now();
      const brokers = opts.brokers === undefined ? undefined : Number(opts.brokers);
      if (brokers !== undefined && !(Number.isInteger(brokers) && brokers >= 1 && brokers <= 5))
        throw new Error(`--brokers takes 1 to 5, not '${opts.brokers}'`);
      const stack = createStack(config, log);
      const result = await stack.up({
        ...(opts.postgres && { postgres: true }),
        ...(brokers !== undefined && { brokers }),
      });
      const cluster = stack.kafkaCluster(brokers);
      const several = !config.kafka.external && cluster.nodes.length > 1;
      process.stdout.write(
        `kafka     ${result.kafka.padEnd(8)} ${several ? cluster.brokers.join(',') : config.kafka.brokers.join(',')}\n` +
          (several && config.kafka.brokers.length < cluster.nodes.length
            ? `          give the processes every broker: export KAFKA_LOCAL_BROKERS=${cluster.nodes.length} (or KAFKA_BROKERS=${cluster.brokers.join(',')})\n`
            : '') +
          `temporal  ${result.temporal.padEnd(8)} ${config.temporal.address} (namespace ${config.temporal.namespace})\n` +
          (result.postgres ? `postgres  ${result.postgres.padEnd(8)} ${config.dedup?.databaseUrl ?? ''}\n` : '') +
          `ui        ${config.temporal.uiUrl}\n` +
          `ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    });

  stack
    .command('down')
    .description('stop the processes this stack started (by PID)')
    .action(async () => {
      const { config, log } = cliContext();
      const result = await createStack(config, log).down();
      for (const [service, outcome] of Object.entries(result))
        process.stdout.write(`${service.padEnd(9)} ${outcome}\n`);
    });

  stack
    .command('status')
    .description('report whether Kafka and Temporal serve; exit 1 when either does not')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { config, log } = cliContext();
      const stack = createStack(config, log);
      const [statuses, data] = await Promise.all([stack.status(), stack.dataSizes()]);
      if (opts.json) process.stdout.write(`${JSON.stringify({ services: statuses, dataBytes: data }, null, 2)}\n`);
      else {
        for (const s of statuses)
          process.stdout.write(
            `${s.service.padEnd(9)} ${s.health.ok ? 'healthy' : 'DOWN   '} ${s.address.padEnd(16)} ` +
              `${s.managed ? `pid ${s.pid ?? '-'}` : 'external'}  ${s.health.detail}\n`,
          );
        process.stdout.write(`data      ${dataLine(data)} (claimwatch stack reset --yes empties them)\n`);
      }
      if (!statuses.every((s) => s.health.ok)) {
        if (statuses.some((s) => !s.health.ok && s.managed))
          process.stderr.write(
            'start the local stack with `npm start` (the whole pipeline) or `npx claimwatch stack up`\n',
          );
        process.exitCode = 1;
      }
    });

  stack
    .command('reset')
    .description(
      "delete the stack's data: Kafka topics, Temporal histories, dedup index and read model (installs and logs stay)",
    )
    .option('--yes', 'really delete')
    .action(async (opts: { yes?: boolean }) => {
      const { config, log } = cliContext();
      const stack = createStack(config, log);
      if (!opts.yes) {
        process.stderr.write(`this deletes ${dataLine(await stack.dataSizes())} of data: run again with --yes\n`);
        process.exitCode = 2;
        return;
      }
      await stack.down();
      for (const removed of await stack.reset()) process.stdout.write(`removed   ${removed}\n`);
    });

  stack
    .command('logs')
    .description('print the tail of a service log')
    .argument('[service]', 'kafka (broker 1), kafka-2 … (the other brokers), temporal or postgres', 'kafka')
    .option('-n, --lines <n>', 'number of lines', '60')
    .action(async (service: string, opts: { lines: string }) => {
      const { config, log } = cliContext();
      if (service !== 'kafka' && service !== 'temporal' && service !== 'postgres' && !/^kafka-[2-5]$/.test(service))
        throw new Error(`unknown service '${service}' (kafka, kafka-2 … kafka-5, temporal or postgres)`);
      process.stdout.write(`${await createStack(config, log).logs(service as 'kafka', Number(opts.lines))}\n`);
    });
}
