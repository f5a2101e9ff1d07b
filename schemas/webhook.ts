import { z } from 'zod';
import { ClaimSchema } from './claim.ts';
import { envelopeSchema } from './envelope.ts';
import { TallyFigureSchema } from './tally.ts';

// Webhook subscriptions (issue #6 §1): what a user registers, what the registry topic carries, what an
// endpoint receives. Workflow code imports these as types only (no zod in the workflow sandbox).

const TopicId = z.string().min(1).max(200);
const SeriesIdField = z.string().min(1).max(1000);
/** Series of this place or of places inside it (`donetsk-oblast` takes Sloviansk's series too; domain/places). */
const PlaceField = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a place slug like "donetsk-oblast"');

/** Any new (non-copy) claim on one claim topic, optionally of one series. */
export const NewClaimConditionSchema = z.object({
  kind: z.literal('new-claim'),
  topic: TopicId,
  series: SeriesIdField.optional(),
  place: PlaceField.optional(),
});
/** The series' latest figure changes (value, unit, qualifier or bounds). */
export const NewFigureConditionSchema = z.object({ kind: z.literal('new-figure'), series: SeriesIdField });
/** A series becomes disputed (false → true); all series unless narrowed by topic or series. */
export const DisputedConditionSchema = z.object({
  kind: z.literal('disputed'),
  topic: TopicId.optional(),
  series: SeriesIdField.optional(),
  place: PlaceField.optional(),
});
/** The series' latest figure crosses `above` upwards or `below` downwards; once per crossing. */
export const ThresholdConditionSchema = z
  .object({
    kind: z.literal('threshold'),
    series: SeriesIdField,
    above: z.number().finite().optional(),
    below: z.number().finite().optional(),
  })
  .refine((c) => c.above !== undefined || c.below !== undefined, {
    message: 'a threshold needs `above`, `below` or both',
    path: ['above'],
  })
  .refine((c) => c.above === undefined || c.below === undefined || c.below <= c.above, {
    message: '`below` must not exceed `above`',
    path: ['below'],
  });

export const ConditionSchema = z.discriminatedUnion('kind', [
  NewClaimConditionSchema,
  NewFigureConditionSchema,
  DisputedConditionSchema,
  ThresholdConditionSchema,
]);
export type Condition = z.infer<typeof ConditionSchema>;
export type ConditionKind = Condition['kind'];

const WebhookUrlSchema = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2048);
/** Secrets are random tokens; 16 characters is the least we accept from a user. */
const SecretSchema = z.string().min(16).max(256);

/** What a user sends to register a subscription (POST /api/subscriptions, `claimwatch subscriptions add`). */
export const SubscriptionRequestSchema = z.object({
  url: WebhookUrlSchema,
  condition: ConditionSchema,
  secret: SecretSchema.optional(),
  description: z.string().max(500).optional(),
});
export type SubscriptionRequest = z.infer<typeof SubscriptionRequestSchema>;

/** A registered subscription as the registry topic keeps it. Alerts consider events produced from `createdAt` on. */
export const SubscriptionSchema = z.object({
  id: z.string().min(1).max(100),
  url: WebhookUrlSchema,
  condition: ConditionSchema,
  // On the registry topic: sealed (`enc:v1:<key id>:…`, AES-256-GCM), longer than the secret itself.
  secret: z.string().min(16).max(1024),
  description: z.string().max(500).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Subscription = z.infer<typeof SubscriptionSchema>;
/** A subscription as shown to users and carried in workflow input: never the secret. */
export type PublicSubscription = Omit<Subscription, 'secret'>;

/** Registry topic (compacted, key: subscription id): the latest message per id says whether it stands. */
export const SubscriptionRegisteredSchema = envelopeSchema(z.literal('SubscriptionRegistered'), SubscriptionSchema);
export const SubscriptionRemovedSchema = envelopeSchema(
  z.literal('SubscriptionRemoved'),
  z.object({ id: z.string().min(1), removedAt: z.iso.datetime({ offset: true }) }),
);
export const RegistryMessageSchema = z.discriminatedUnion('type', [
  SubscriptionRegisteredSchema,
  SubscriptionRemovedSchema,
]);
export type RegistryMessage = z.infer<typeof RegistryMessageSchema>;

// ---- what the router sees and what an endpoint receives ----

/** A claim as the router passes it on (ClaimReported of a claims topic). */
export const ClaimObservationSchema = z.object({
  type: z.literal('claim'),
  seriesId: z.string(),
  topic: z.string(),
  claim: ClaimSchema,
  source: z.string(),
  url: z.string(),
});
/** The parts of a tally snapshot the conditions read (TallyPublished of the tallies topic). */
export const TallyObservationSchema = z.object({
  type: z.literal('tally'),
  seriesId: z.string(),
  topic: z.string(),
  version: z.number().int().nonnegative(),
  latest: TallyFigureSchema.nullable(),
  disputed: z.boolean(),
  disputes: z.array(z.tuple([z.string(), z.string()])),
  independentSources: z.number().int().nonnegative(),
});
export const ObservationSchema = z.discriminatedUnion('type', [ClaimObservationSchema, TallyObservationSchema]);
export type ClaimObservation = z.infer<typeof ClaimObservationSchema>;
export type TallyObservation = z.infer<typeof TallyObservationSchema>;
export type Observation = z.infer<typeof ObservationSchema>;

/** What happened, per condition kind: the `event` of an alert. */
export const AlertEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('new-claim'),
    seriesId: z.string(),
    topic: z.string(),
    claim: ClaimSchema,
    source: z.string(),
    url: z.string(),
  }),
  z.object({
    kind: z.literal('new-figure'),
    seriesId: z.string(),
    topic: z.string(),
    version: z.number(),
    previous: TallyFigureSchema.nullable(),
    latest: TallyFigureSchema,
  }),
  z.object({
    kind: z.literal('disputed'),
    seriesId: z.string(),
    topic: z.string(),
    version: z.number(),
    disputes: z.array(z.tuple([z.string(), z.string()])),
    latest: TallyFigureSchema.nullable(),
  }),
  z.object({
    kind: z.literal('threshold'),
    seriesId: z.string(),
    topic: z.string(),
    version: z.number(),
    direction: z.enum(['above', 'below']),
    threshold: z.number(),
    previous: z.number().nullable(),
    latest: TallyFigureSchema,
  }),
  // Sent on request (`claimwatch subscriptions test ID`) to check an endpoint and its signature check; never by a condition.
  z.object({ kind: z.literal('test'), message: z.string() }),
]);
export type AlertEvent = z.infer<typeof AlertEventSchema>;

/** The JSON body POSTed to the endpoint. `alertId` is also the `Idempotency-Key` header: the same trigger, the same id. */
export const AlertSchema = z.object({
  alertId: z.string().min(1),
  subscriptionId: z.string().min(1),
  condition: ConditionSchema,
  event: AlertEventSchema,
  occurredAt: z.iso.datetime({ offset: true }),
});
export type Alert = z.infer<typeof AlertSchema>;

/** Delivery counters of one subscription (the workflow's `subscriptionStatus` query). */
export const SubscriptionStatusSchema = z.object({
  subscriptionId: z.string(),
  delivered: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** Alerts dropped because the pending queue was full (oldest first) or the subscription was removed. */
  dropped: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
  lastError: z
    .object({ alertId: z.string(), message: z.string(), at: z.string(), nonRetryable: z.boolean() })
    .nullable(),
  lastDropReason: z.string().nullable(),
  lastDeliveryAt: z.string().nullable(),
  removed: z.boolean(),
});
export type SubscriptionStatus = z.infer<typeof SubscriptionStatusSchema>;
