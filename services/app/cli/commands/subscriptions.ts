import type { Command } from 'commander';
import { summaryOf } from '../manifest.ts';
import { checkArguments, needsServices } from '../services-needed.ts';
import { checkAddOptions, type AddOptions } from './subscriptions.check.ts';
import { formatOption, listOptionsAreValid, tzOption, type ListOptions } from '../listing.ts';

// The actions (Kafka, Temporal client) load only when a subscriptions command runs, after the services answered.
const actions = () => import('./subscriptions.actions.ts');

/** `claimwatch subscriptions add|list|test|remove`: webhook subscriptions (registry topic + one workflow each). Registered by main.ts. */
export function registerSubscriptionsCommand(program: Command): void {
  const cmd = needsServices(program.command('subscriptions'), ['kafka', 'temporal']).description(
    summaryOf('subscriptions'),
  );
  checkArguments(cmd.command('add'), async (c) => checkAddOptions(c.opts<AddOptions>()))
    .description('register a subscription; prints its id and its signing secret (shown once)')
    .requiredOption('--url <url>', 'the endpoint alerts are POSTed to (http or https)')
    .requiredOption('--on <kind>', 'new-claim | new-figure | disputed | threshold')
    .option('--topic <topic>', 'claim topic (new-claim: required; disputed: optional filter)')
    .option('--series <id>', 'series id (new-figure, threshold: required; new-claim, disputed: optional filter)')
    .option(
      '--place <place>',
      'new-claim, disputed: only series of this place or of places inside it (e.g. donetsk-oblast)',
    )
    .option('--above <n>', 'threshold: alert when the latest figure rises above n')
    .option('--below <n>', 'threshold: alert when the latest figure falls below n')
    .option('--secret <secret>', 'signing secret (at least 16 characters; default: generated)')
    .option('--description <text>', 'a note for yourself')
    .option(
      '--allow-private-webhooks',
      'accept a URL on a loopback/private address (the alert router must run with --allow-private-webhooks too)',
    )
    .action(async (opts: AddOptions) => (await actions()).addSubscription(opts));
  checkArguments(cmd.command('list'), listOptionsAreValid)
    .description('list the subscriptions with their delivery counters')
    .option(...formatOption)
    .option('--json', 'same as --format json')
    .option(...tzOption)
    .action(async (opts: ListOptions) => (await actions()).listSubscriptions(opts));
  // Only the registry (Kafka) is needed: the CLI signs and POSTs the test alert itself, as a delivery would.
  needsServices(cmd.command('test'), ['kafka'])
    .description('POST a signed test alert (event kind "test") to the subscription\'s URL now and print the answer')
    .argument('<id>', 'subscription id (claimwatch subscriptions list)')
    .option('--allow-private-webhooks', 'deliver to a loopback/private address (local development)')
    .action(async (id: string, opts: { allowPrivateWebhooks?: boolean }) =>
      (await actions()).testSubscription(id, opts),
    );
  cmd
    .command('remove')
    .description('remove a subscription: no more alerts, pending ones are dropped')
    .argument('<id>', 'subscription id')
    .action(async (id: string) => (await actions()).removeSubscription(id));
}
