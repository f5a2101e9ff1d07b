// Scores the extractor on a labelled set: `npm run eval:claims -- [--set dev|train|train-web|tune|check] [--errors] [--json]`.
// Reads ../shared/eval at run time (never copied into the repo), writes predictions and the gold of the
// chosen set to a temp folder and prints the shared scorer's report. `--errors` groups the scorer's FP,
// FN and wrong-series-key lines by cause (tests/eval/error-causes.ts). The `check` split is scored as
// numbers only: its errors are never printed (see ../shared/eval/README.md).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArticleSchema, type Article } from '../../schemas/article.ts';
import { defaultTaxonomy, extractClaims } from '../../domain/extract/index.ts';
import { groupErrors, type ScorerLine } from './error-causes.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const evalDir = path.resolve(root, '..', 'shared', 'eval');
const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const set = opt('--set') ?? 'dev';
const SETS: Record<string, { texts: string[]; gold: string[] }> = {
  dev: { texts: ['dev-texts.jsonl'], gold: ['claims-dev.jsonl'] },
  train: { texts: ['train-texts.jsonl'], gold: ['claims-train.jsonl'] },
  'train-web': { texts: ['train-web-texts.jsonl'], gold: ['claims-train-web.jsonl'] },
  tune: {
    texts: ['train-texts.jsonl', 'train-web-texts.jsonl'],
    gold: ['claims-train.jsonl', 'claims-train-web.jsonl'],
  },
  check: {
    texts: ['train-texts.jsonl', 'train-web-texts.jsonl'],
    gold: ['claims-train.jsonl', 'claims-train-web.jsonl'],
  },
};
const chosen = SETS[set];
if (chosen === undefined) {
  console.error(`unknown --set ${set}: one of ${Object.keys(SETS).join(', ')}`);
  process.exit(2);
}
const lines = (file: string): string[] =>
  readFileSync(path.join(evalDir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
const split = JSON.parse(readFileSync(path.join(evalDir, 'split.json'), 'utf8')) as Record<string, string[]>;
const only = set === 'tune' || set === 'check' ? new Set(split[set]) : null;
const keep = (id: string): boolean => only === null || only.has(id);

const taxonomy = defaultTaxonomy();
const articles = new Map<string, Article>();
const predLines: string[] = [];
for (const raw of chosen.texts.flatMap(lines)) {
  const article = ArticleSchema.parse(JSON.parse(raw));
  if (!keep(article.id)) continue;
  articles.set(article.id, article);
  predLines.push(JSON.stringify({ articleId: article.id, claims: extractClaims(article, taxonomy) }));
}
const goldLines = chosen.gold.flatMap(lines).filter((l) => keep((JSON.parse(l) as { articleId: string }).articleId));
const dir = mkdtempSync(path.join(tmpdir(), 'claimwatch-eval-'));
const pred = path.join(dir, 'pred.jsonl');
const gold = path.join(dir, 'gold.jsonl');
writeFileSync(pred, predLines.join('\n') + '\n');
writeFileSync(gold, goldLines.join('\n') + '\n');
const numbersOnly = set === 'check';
const args = [path.join(evalDir, 'score-claims.mjs'), '--gold', gold, '--pred', pred];
if (argv.includes('--json')) args.push('--json');
else if (!numbersOnly) args.push('--verbose');
const report = execFileSync(process.execPath, args, { encoding: 'utf8' });
if (argv.includes('--errors') && !numbersOnly) {
  const scorerLines = report.split('\n').filter((l) => /^(FP|FN|KEY) /.test(l));
  const parsed: ScorerLine[] = scorerLines.map((l) => {
    const m = /^(FP|FN|KEY) (\S+) (\S+) (\S+) \| (.*)$/.exec(l);
    return {
      kind: (m?.[1] ?? 'FP') as ScorerLine['kind'],
      articleId: m?.[2] ?? '',
      topic: m?.[3] ?? '',
      value: Number(m?.[4]),
      detail: m?.[5] ?? '',
    };
  });
  process.stdout.write(
    report
      .split('\n')
      .filter((l) => !/^(FP|FN|KEY) /.test(l))
      .join('\n'),
  );
  process.stdout.write('\n' + groupErrors(parsed, articles, taxonomy) + '\n');
} else {
  process.stdout.write(report);
}
console.log(`predictions: ${pred}`);
