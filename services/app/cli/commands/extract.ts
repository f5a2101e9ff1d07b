import type { Command } from 'commander';
import { summaryOf } from '../manifest.ts';
import { ArticleSchema } from '../../../../schemas/article.ts';
import { extractReport } from '../../../../domain/extract/index.ts';
import { taxonomyFromFile } from '../../taxonomy.ts';
import { formatLineError, readJsonLines } from '../../../platform/io/jsonl.ts';

async function write(line: string): Promise<void> {
  if (!process.stdout.write(line)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
}

/** `claimwatch extract [--input FILE] [--taxonomy FILE]`: articles (JSON lines) in, one claim per line out; exit 1 if any line failed. */
export function registerExtractCommand(program: Command): void {
  program
    .command('extract')
    .description(summaryOf('extract'))
    .option('--input <file>', 'JSON-lines file of articles (default: stdin)')
    .option('--taxonomy <file>', 'taxonomy JSON file (default: the built-in taxonomy)')
    .action(async (opts: { input?: string; taxonomy?: string }) => {
      const taxonomy = taxonomyFromFile(opts.taxonomy);
      const label = opts.input ?? 'stdin';
      let failed = 0;
      const seen = { articles: 0, claims: 0, skipped: 0, refused: 0 };
      for await (const line of readJsonLines(opts.input, ArticleSchema)) {
        if (!line.ok) {
          failed++;
          process.stderr.write(`${formatLineError(label, line.line, line.problems)}\n`);
          continue;
        }
        let claims;
        try {
          const report = extractReport(line.value, taxonomy);
          claims = report.claims;
          seen.articles++;
          seen.claims += claims.length;
          // Nothing is silent: a skipped article and every refused figure are named on stderr.
          if (report.skipped !== null) {
            seen.skipped++;
            process.stderr.write(`${label}:${line.line}: article ${line.value.id} skipped: ${report.skipped}\n`);
          }
          for (const r of report.refused) {
            seen.refused++;
            process.stderr.write(
              `${label}:${line.line}: article ${line.value.id}: figure at offset ${r.at} refused: ${r.reason}\n`,
            );
          }
        } catch (err) {
          failed++;
          process.stderr.write(
            `${formatLineError(label, line.line, [`extraction failed: ${(err as Error).message}`])}\n`,
          );
          continue;
        }
        for (const claim of claims) await write(`${JSON.stringify(claim)}\n`);
      }
      process.stderr.write(
        `extract: ${seen.articles} articles, ${seen.claims} claims, ${seen.skipped} skipped, ${seen.refused} figures refused, ${failed} lines failed\n`,
      );
      if (failed > 0) process.exitCode = 1;
    });
}
