// Scores the extractor on the dev set: `npm run eval:claims`. Reads ../shared/eval at run time
// (never copied into the repo), writes predictions to a temp file and prints the scorer's report.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArticleSchema } from '../../schemas/article.ts';
import { defaultTaxonomy, extractClaims } from '../../domain/extract/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const evalDir = path.resolve(root, '..', 'shared', 'eval');
const texts = path.join(evalDir, 'dev-texts.jsonl');
const gold = path.join(evalDir, 'claims-dev.jsonl');

const taxonomy = defaultTaxonomy();
const lines: string[] = [];
for (const raw of readFileSync(texts, 'utf8').split('\n')) {
  if (raw.trim() === '') continue;
  const article = ArticleSchema.parse(JSON.parse(raw));
  const claims = extractClaims(article, taxonomy);
  lines.push(JSON.stringify({ articleId: article.id, claims }));
}
const pred = path.join(mkdtempSync(path.join(tmpdir(), 'claimwatch-eval-')), 'pred.jsonl');
writeFileSync(pred, lines.join('\n') + '\n');
const args = [path.join(evalDir, 'score-claims.mjs'), '--gold', gold, '--pred', pred, '--verbose'];
if (process.argv.includes('--json')) args.push('--json');
process.stdout.write(execFileSync(process.execPath, args, { encoding: 'utf8' }));
console.log(`predictions: ${pred}`);
