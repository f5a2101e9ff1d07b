import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { ArticleSchema, type Article } from '../../schemas/article.ts';
import { ArticleReceivedSchema } from '../../schemas/topics.ts';
import { parseJsonLine } from '../../services/platform/io/jsonl.ts';
import { resolveJsonLinesSources } from '../../services/platform/io/jsonl-sources.ts';
import type { KafkaBus } from '../../services/platform/kafka.ts';
import { InvalidInputError } from '../../services/platform/errors.ts';
import { fileMarks, type SourceRange } from './plan.ts';
import { locationOf } from '../../services/platform/edge.ts';

/** An article read back from history, with the instant the window applies to (Kafka timestamp or published_at). */
export interface HistoricArticle {
  article: Article;
  at: number;
}

/** What a batch read: the records it covered, the articles among them, and where the unreadable ones are. */
export interface BatchRead {
  records: number;
  articles: HistoricArticle[];
  bad: Array<{ location: string; problems: string[] }>;
}

/** Byte offset of every line start of a file, streamed (the file is never held in memory). */
async function lineOffsets(file: string): Promise<{ offsets: number[]; size: number }> {
  const offsets: number[] = [];
  let pos = 0;
  let atLineStart = true;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      if (atLineStart) offsets.push(pos + i);
      atLineStart = chunk[i] === 0x0a;
    }
    pos += chunk.length;
  }
  return { offsets, size: pos };
}

/**
 * Plans an archive (a JSON-lines file or a folder of them, on this worker's host) into one line range per
 * file with byte marks every `batchSize` lines. Throws InvalidInputError for a missing path or an empty folder.
 */
export async function planArchive(input: string, batchSize: number): Promise<SourceRange[]> {
  if (input === '-') throw new InvalidInputError('cannot backfill stdin', ['input: give a file or folder']);
  const ranges: SourceRange[] = [];
  for (const source of await resolveJsonLinesSources([input])) {
    if (source.kind !== 'file') continue;
    const file = path.resolve(source.path);
    const { offsets, size } = await lineOffsets(file);
    if (offsets.length > 0)
      ranges.push({
        kind: 'file',
        path: file,
        start: 0,
        end: offsets.length,
        marks: fileMarks(offsets, size, batchSize),
      });
  }
  return ranges;
}

/** Per partition of the raw topic, the offsets whose timestamps fall in [from, to) (offsets-for-times). */
export async function planKafka(
  bus: KafkaBus,
  topic: string,
  window: { from: string; to: string },
): Promise<SourceRange[]> {
  const [starts, ends] = await Promise.all([
    bus.offsetsForTimes(topic, Date.parse(window.from)),
    bus.offsetsForTimes(topic, Date.parse(window.to)),
  ]);
  return starts
    .map((s) => ({
      kind: 'kafka' as const,
      topic,
      partition: s.partition,
      start: Number(s.offset),
      end: Number(ends.find((e) => e.partition === s.partition)?.offset ?? s.offset),
    }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.partition - b.partition);
}

/** Reads one batch of a plan: the lines between its byte marks, or its offsets of one partition. */
export async function readBatch(bus: KafkaBus, range: SourceRange): Promise<BatchRead> {
  return range.kind === 'file' ? readFileBatch(range) : readKafkaBatch(bus, range);
}

async function readFileBatch(range: Extract<SourceRange, { kind: 'file' }>): Promise<BatchRead> {
  const [from, to] = range.marks as [number, number];
  const handle = await open(range.path, 'r');
  let text: string;
  try {
    const buffer = Buffer.alloc(to - from);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, from);
    text = buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const out: BatchRead = { records: range.end - range.start, articles: [], bad: [] };
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const parsed = parseJsonLine(line, range.start + i + 1, ArticleSchema);
    if (parsed.ok) out.articles.push({ article: parsed.value, at: Date.parse(parsed.value.published_at) });
    else out.bad.push({ location: `${range.path}:${parsed.line}`, problems: parsed.problems });
  });
  return out;
}

async function readKafkaBatch(bus: KafkaBus, range: Extract<SourceRange, { kind: 'kafka' }>): Promise<BatchRead> {
  const messages = await bus.readPartitionRange(range.topic, range.partition, String(range.start), String(range.end));
  const out: BatchRead = { records: range.end - range.start, articles: [], bad: [] };
  for (const m of messages) {
    const parsed = parseJsonLine(m.value ?? '', 0, ArticleReceivedSchema);
    if (parsed.ok) out.articles.push({ article: parsed.value.data.article, at: Number(m.timestamp) });
    else out.bad.push({ location: locationOf(m), problems: parsed.problems });
  }
  return out;
}
