import { readFileSync } from 'node:fs';
import { ExtractInputSchema } from '/work/main/services/cli/commands/extract.ts';
import { defaultTaxonomy, extractClaims } from '/work/main/domain/extract/index.ts';
const want = process.argv[2] ?? '';
for (const raw of readFileSync('/work/shared/eval/dev-texts.jsonl', 'utf8').split('\n')) {
  if (!raw.trim()) continue;
  const a = ExtractInputSchema.parse(JSON.parse(raw));
  if (want && !a.id.includes(want)) continue;
  for (const c of extractClaims(a, defaultTaxonomy())) {
    if (process.argv[3] && !c.evidence.quote.includes(process.argv[3])) continue;
    console.log(a.id, c.topic, c.actor, c.counterpart, c.item, c.place, c.quantity.value, c.quantity.qualifier, c.kind, JSON.stringify(c.period), c.asOf, JSON.stringify(c.attribution), c.hedge);
    console.log('    ', c.evidence.quote.slice(0, 400));
  }
}
