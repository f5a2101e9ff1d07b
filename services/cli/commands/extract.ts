import type { Command } from 'commander';
import { summaryOf } from '../manifest.ts';
import { ArticleSchema } from '../../../schemas/article.ts';
import { extractClaims } from '../../../domain/extract/index.ts';
import { taxonomyFromFile } from '../../runtime/taxonomy.ts';
import { formatLineError, readJsonLines } from '../../io/jsonl.ts';

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
      for await (const line of readJsonLines(opts.input, ArticleSchema)) {
        if (!line.ok) {
          failed++;
          process.stderr.write(`${formatLineError(label, line.line, line.problems)}\n`);
          continue;
        }
        let claims;
        try {
          claims = extractClaims(line.value, taxonomy);
        } catch (err) {
          failed++;
          process.stderr.write(`${formatLineError(label, line.line, [`extraction failed: ${(err as Error).message}`])}\n`);
          continue;
        }
        for (const claim of claims) await write(`${JSON.stringify(claim)}\n`);
      }
      if (failed > 0) process.exitCode = 1;
    });
}
