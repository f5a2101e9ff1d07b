import { createReadStream, type ReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Logger } from '../../platform/logger.ts';
import { parseJsonLine } from '../../platform/io/jsonl.ts';
import { ArticleSchema, type Article } from '../../../schemas/article.ts';
import type { ArticlePublisher, DeadLetterInput } from './publisher.ts';
import { articleProblems } from './article-checks.ts';
import { splitLines } from './lines.ts';
import {
  resolveJsonLinesSources,
  sourceLabel,
  totalBytes,
  type JsonLinesSource,
} from '../../platform/io/jsonl-sources.ts';

/** A line that was dead-lettered, as the CLI reports it on stderr. */
export interface BadLine {
  label: string;
  line: number;
  problems: string[];
}

export interface IngestJsonLinesOptions {
  /** Files, folders (their *.jsonl/*.ndjson/*.json in name order) or `-`; empty means stdin. */
  paths: readonly string[];
  /** The same inputs already resolved (the CLI resolves first to size its progress bar); wins over `paths`. */
  sources?: readonly JsonLinesSource[];
  publisher: ArticlePublisher;
  log: Logger;
  batchSize?: number;
  stdin?: Readable;
  onBadLine?: (bad: BadLine) => void;
  /** Bytes read so far of all files; `total` is undefined when reading stdin. */
  onProgress?: (read: number, total: number | undefined) => void;
}

/** What a run did: articles on the raw topic and lines on the dead-letter topic. */
export interface IngestCounts {
  published: number;
  deadLettered: number;
}

/**
 * Streams JSON lines into the raw topic in batches; a bad line never stops the stream, it is
 * dead-lettered with every problem and its `file:line`. Called by `claimwatch ingest` and the
 * sample loader. Throws when an input is missing or Kafka refuses a batch (batches already sent
 * stay sent; re-running is safe because downstream dedups by canonical id).
 */
export async function ingestJsonLines(options: IngestJsonLinesOptions): Promise<IngestCounts> {
  const batchSize = options.batchSize ?? 500;
  const sources = options.sources ?? (await resolveJsonLinesSources(options.paths));
  const total = totalBytes(sources);
  const counts: IngestCounts = { published: 0, deadLettered: 0 };
  let good: Article[] = [];
  let bad: DeadLetterInput[] = [];
  let doneBytes = 0;

  const flush = async (channel: 'file' | 'stdin') => {
    if (good.length > 0) counts.published += (await options.publisher.publish(good, channel)).ids.length;
    await options.publisher.deadLetter(bad);
    counts.deadLettered += bad.length;
    good = [];
    bad = [];
  };

  for (const source of sources) {
    const label = sourceLabel(source);
    const channel = source.kind === 'file' ? 'file' : 'stdin';
    const stream: Readable = source.kind === 'file' ? createReadStream(source.path) : (options.stdin ?? process.stdin);
    const progress = () => options.onProgress?.(doneBytes + ((stream as Partial<ReadStream>).bytesRead ?? 0), total);
    let seen = 0;
    for await (const text of splitLines(stream)) {
      if (text.raw.trim() === '') continue;
      const line = text.problem
        ? { ok: false as const, line: text.line, raw: text.raw, problems: [text.problem] }
        : parseJsonLine(text.raw, text.line, ArticleSchema);
      let problems = line.ok ? undefined : line.problems;
      if (line.ok) {
        const refused = articleProblems(line.value);
        if (refused.length > 0) problems = refused;
      }
      if (problems) {
        bad.push({
          reason: problems.join('; '),
          problems,
          source: `ingest:${channel}`,
          location: `${label}:${line.line}`,
          payload: line.raw,
        });
        options.onBadLine?.({ label, line: line.line, problems });
      } else if (line.ok) good.push(line.value);
      if (good.length + bad.length >= batchSize) await flush(channel);
      if (++seen % 100 === 0) progress();
    }
    await flush(channel);
    if (source.kind === 'file') doneBytes += source.size;
    options.onProgress?.(doneBytes, total);
    options.log.debug({ input: label, lines: seen }, 'input ingested');
  }
  return counts;
}
