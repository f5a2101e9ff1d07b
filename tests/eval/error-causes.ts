// Groups the shared scorer's FP / FN / KEY lines by cause, so the next person sees where recall and
// series keys go. Causes are our own, worked out from the predicted and gold fields and from what the
// extractor's number finder sees in the gold quote; they are a guide, not a second scorer.
import type { Article } from '../../schemas/article.ts';
import type { Taxonomy } from '../../schemas/taxonomy.ts';
import { findQuantities } from '../../domain/extract/quantity/index.ts';

/** One FP, FN or KEY line of `score-claims.mjs --verbose`. */
export interface ScorerLine {
  kind: 'FP' | 'FN' | 'KEY';
  articleId: string;
  topic: string;
  value: number;
  detail: string;
}

const FIELDS = ['actor', 'counterpart', 'item', 'place'] as const;

function keyCause(detail: string): string {
  const m = /^gold (\S+) \/ predicted (\S+)$/.exec(detail);
  if (m === null) return 'key: unreadable';
  const g = (m[1] ?? '').split(':');
  const p = (m[2] ?? '').split(':');
  const wrong = FIELDS.flatMap((f, at) => {
    const gv = g[at] ?? '-';
    const pv = p[at] ?? '-';
    if (gv === pv) return [];
    return [gv === '-' ? `${f} extra` : pv === '-' ? `${f} missing` : `${f} wrong`];
  });
  return `key: ${wrong.join(' + ')}`;
}

function fnCause(line: ScorerLine): string {
  const figures = findQuantities(line.detail);
  if (figures.length === 0) return 'FN: figure not read as a number (or quote cut)';
  if (!figures.some((f) => Math.abs(f.value - line.value) <= 0.01 * Math.max(1, Math.abs(line.value))))
    return 'FN: value read differently';
  return `FN: figure read, no claim (${line.topic})`;
}

function fpCause(line: ScorerLine): string {
  if (/\b(including|among them|of whom|of which)\b/i.test(line.detail))
    return 'FP: part of a figure (including / of whom)';
  if (/\b(read more|also read|related)\b/i.test(line.detail)) return 'FP: link headline';
  return `FP: ${line.topic}`;
}

/** Returns a printable report: counts per cause, then the lines under each cause. */
export function groupErrors(lines: ScorerLine[], _articles: ReadonlyMap<string, Article>, _taxonomy: Taxonomy): string {
  const groups = new Map<string, ScorerLine[]>();
  for (const l of lines) {
    const cause = l.kind === 'KEY' ? keyCause(l.detail) : l.kind === 'FN' ? fnCause(l) : fpCause(l);
    const list = groups.get(cause) ?? [];
    list.push(l);
    groups.set(cause, list);
  }
  const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
  const out: string[] = ['errors by cause:'];
  for (const [cause, ls] of sorted) out.push(`  ${String(ls.length).padStart(4)}  ${cause}`);
  for (const [cause, ls] of sorted) {
    out.push('', `## ${cause} (${ls.length})`);
    for (const l of ls) out.push(`  ${l.articleId} ${l.topic} ${l.value} | ${l.detail}`);
  }
  return out.join('\n');
}
