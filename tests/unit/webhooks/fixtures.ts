import type { TallyFigure } from '../../../schemas/tally.ts';
import type { Claim } from '../../../schemas/claim.ts';
import type { ClaimObservation, TallyObservation } from '../../../schemas/webhook.ts';

// Invented figures for the alert tests: a series of settlements held in one region, reported by made-up outlets.
export const SERIES = 'settlements-captured:ukraine:russia:-:kursk-oblast';

export function figure(value: number, extra: Partial<TallyFigure> = {}): TallyFigure {
  return {
    claimId: `c-${value}`,
    source: 'Harbour Post',
    origin: 'Harbour Post',
    asOf: '2024-08-12',
    period: null,
    value,
    unit: 'count',
    qualifier: 'exact',
    low: value,
    high: value,
    ...extra,
  };
}

export function tally(
  version: number,
  latest: TallyFigure | null,
  extra: Partial<TallyObservation> = {},
): TallyObservation {
  return {
    type: 'tally',
    seriesId: SERIES,
    topic: 'settlements-captured',
    version,
    latest,
    disputed: false,
    disputes: [],
    independentSources: 1,
    ...extra,
  };
}

export function claimObservation(id: string, extra: Partial<Claim> = {}): ClaimObservation {
  const claim: Claim = {
    id,
    articleId: `art-${id}`,
    topic: 'settlements-captured',
    actor: 'ukraine',
    counterpart: 'russia',
    item: null,
    place: 'kursk-oblast',
    quantity: { value: 74, unit: 'count', qualifier: 'exact', low: 74, high: 74 },
    kind: 'total',
    period: null,
    asOf: '2024-08-13',
    attribution: [],
    hedge: null,
    evidence: { quote: 'Officials counted 74 villages under their control.', start: 0, end: 51 },
    extractor: { name: 'rules', version: '1.0.0' },
    ...extra,
  };
  return {
    type: 'claim',
    seriesId: SERIES,
    topic: claim.topic,
    claim,
    source: 'Valley Times',
    url: `https://news.example/${id}`,
  };
}
