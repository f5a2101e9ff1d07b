import { describeIssues } from '../../../../schemas/problems.ts';
import { SubscriptionRequestSchema, type SubscriptionRequest } from '../../../../schemas/webhook.ts';
import { assertFetchable } from '../../../platform/net/safe-fetch.ts';
import { cliConfig } from '../cli-config.ts';
import { UsageError } from '../errors.ts';
import { knownSeries, knownTopics, requireKnown } from '../known-names.ts';

// What `subscriptions add` checks before Kafka or Temporal are touched (or loaded): kept apart from the actions.

export interface AddOptions {
  url: string;
  on: string;
  topic?: string;
  series?: string;
  place?: string;
  above?: string;
  below?: string;
  secret?: string;
  description?: string;
  allowPrivateWebhooks?: boolean;
}

/** CLI names of the request's fields, so a problem names the option to change. */
const OPTION_NAMES = {
  url: '--url',
  'condition.kind': '--on',
  'condition.topic': '--topic',
  'condition.series': '--series',
  'condition.place': '--place',
  'condition.above': '--above',
  'condition.below': '--below',
  secret: '--secret',
  description: '--description',
};

/**
 * Everything `subscriptions add` can check before touching Kafka or Temporal (exit 2): the options' shape, the
 * topic and series exist, and the URL is one the alert router would deliver to (public address, unless
 * --allow-private-webhooks).
 */
export async function checkAddOptions(opts: AddOptions): Promise<void> {
  const parsed = requestFromOptions(opts);
  if (!parsed.ok) throw new UsageError(parsed.problems.join('\nclaimwatch: '));
  const config = cliConfig();
  if (opts.topic !== undefined) requireKnown('topic', [opts.topic], await knownTopics(config), '--topic');
  const series = opts.series === undefined ? undefined : knownSeries(config);
  if (opts.series !== undefined && series) requireKnown('series', [opts.series], series, '--series');
  if (opts.place !== undefined) {
    const refusal = (await import('../../../../domain/places/known.ts')).refuseUnknownPlace(opts.place);
    if (refusal) throw new UsageError(`--place: ${refusal}`);
  }
  try {
    await assertFetchable(new URL(parsed.request.url), { allowPrivate: opts.allowPrivateWebhooks ?? false });
  } catch (err) {
    const reason = (err as Error).message.replace(/; private feeds are not allowed$/, '');
    throw new UsageError(
      `--url: ${reason}: the alert router refuses such addresses. For local development pass --allow-private-webhooks here and run the router with it (\`claimwatch alerts --allow-private-webhooks\` or \`npm start -- --allow-private-webhooks\`)`,
    );
  }
}

const number = (v: string | undefined) => (v === undefined ? undefined : v.trim() === '' ? Number.NaN : Number(v));

/**
 * The subscription request of `subscriptions add` options, validated by the same schema as the HTTP API:
 * every problem at once, in its words. Exported for the unit tests.
 */
export function requestFromOptions(
  opts: AddOptions,
): { ok: true; request: SubscriptionRequest } | { ok: false; problems: string[] } {
  const condition = {
    kind: opts.on,
    topic: opts.topic,
    series: opts.series,
    place: opts.place,
    above: number(opts.above),
    below: number(opts.below),
  };
  const parsed = SubscriptionRequestSchema.safeParse({
    url: opts.url,
    condition,
    secret: opts.secret,
    description: opts.description,
  });
  return parsed.success
    ? { ok: true, request: parsed.data }
    : { ok: false, problems: describeIssues(parsed.error, { names: OPTION_NAMES }) };
}
