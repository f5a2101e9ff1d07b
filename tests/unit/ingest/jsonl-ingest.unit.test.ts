import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ingestJsonLines, type BadLine } from '../../../services/pipeline/ingest/jsonl-ingest.ts';
import { resolveJsonLinesSources } from '../../../services/platform/io/jsonl-sources.ts';
import { quietLog, recordingPublisher } from './fakes.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/ingest/${name}`, import.meta.url));

describe('ingestJsonLines', () => {
  it('publishes good lines, dead-letters every bad one with its file:line and all problems, and keeps going', async () => {
    const publisher = recordingPublisher();
    const bad: BadLine[] = [];
    const progress: Array<[number, number | undefined]> = [];
    const file = fixture('mixed.jsonl');
    const counts = await ingestJsonLines({
      paths: [file],
      publisher,
      log: quietLog,
      batchSize: 2,
      onBadLine: (b) => bad.push(b),
      onProgress: (r, t) => progress.push([r, t]),
    });
    expect(counts).toEqual({ published: 3, deadLettered: 3 });
    expect(publisher.published.flatMap((p) => p.articles.map((a) => a.id))).toEqual(['fx-1', 'fx-2', 'fx-3']);
    expect(publisher.published.every((p) => p.channel === 'file')).toBe(true);
    // Lenient: url null → '', date-only → midnight UTC.
    expect(publisher.published.flatMap((p) => p.articles)[1]).toMatchObject({
      url: '',
      title: '',
      published_at: '2024-08-13T00:00:00Z',
    });
    expect(bad.map((b) => b.line)).toEqual([3, 4, 7]);
    expect(bad[0]?.problems).toEqual([
      expect.stringMatching(/^source:/),
      expect.stringMatching(/^published_at:/),
      expect.stringMatching(/^text:/),
    ]);
    const [first] = publisher.letters;
    expect(first).toMatchObject({
      source: 'ingest:file',
      location: `${file}:3`,
      problems: bad[0]?.problems,
      reason: bad[0]?.problems.join('; '),
    });
    expect(first?.payload).toContain('"fx-bad-1"');
    expect(publisher.letters.map((l) => l.location)).toEqual([`${file}:3`, `${file}:4`, `${file}:7`]);
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
  });

  it('reads a folder in name order, only its JSON-lines files', async () => {
    const sources = await resolveJsonLinesSources([fixture('folder')]);
    expect(sources.map((s) => (s.kind === 'file' ? s.path.split('/').pop() : '-'))).toEqual(['a.jsonl', 'b.jsonl']);
    const publisher = recordingPublisher();
    const counts = await ingestJsonLines({ paths: [fixture('folder')], publisher, log: quietLog });
    expect(counts).toEqual({ published: 2, deadLettered: 1 });
    expect(publisher.published.flatMap((p) => p.articles.map((a) => a.id))).toEqual(['fold-a1', 'fold-b1']);
    expect(publisher.letters[0]?.location).toMatch(/folder\/a\.jsonl:2$/);
  });

  it('reads stdin when given no paths, with stdin locations and no byte total', async () => {
    const publisher = recordingPublisher();
    const totals: Array<number | undefined> = [];
    const stdin = Readable.from([
      '{"id":"s1","source":"S","published_at":"2024-01-01T00:00:00Z","text":"t"}\n',
      'nope\n',
    ]);
    const counts = await ingestJsonLines({
      paths: [],
      stdin,
      publisher,
      log: quietLog,
      onProgress: (_r, t) => totals.push(t),
    });
    expect(counts).toEqual({ published: 1, deadLettered: 1 });
    expect(publisher.published[0]?.channel).toBe('stdin');
    expect(publisher.letters[0]).toMatchObject({ source: 'ingest:stdin', location: 'stdin:2' });
    expect(totals.every((t) => t === undefined)).toBe(true);
  });

  it('splits on \\n only, and refuses invalid UTF-8 and lone surrogates with the reason', async () => {
    const publisher = recordingPublisher();
    const good = (id: string, text: string) =>
      JSON.stringify({ id, source: 'S', published_at: '2024-01-01T00:00:00Z', text });
    const binary = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x0d, 0x00, 0x0d, 0x41, 0x0d]);
    const stdin = Readable.from([
      Buffer.from(`${good('crlf', 'a\rb')}\r\n`),
      Buffer.concat([binary, Buffer.from('\n')]),
      // A multi-byte character cut across two chunks is still one valid character.
      Buffer.from(good('split', 'ж').slice(0, -3)),
      Buffer.from(`${good('split', 'ж').slice(-3)}\n`),
      Buffer.from(`${good('lone', 'x\ud800y')}\n`),
    ]);
    const bad: BadLine[] = [];
    const counts = await ingestJsonLines({ paths: [], stdin, publisher, log: quietLog, onBadLine: (b) => bad.push(b) });
    expect(publisher.published.flatMap((p) => p.articles.map((a) => [a.id, a.text]))).toEqual([
      ['crlf', 'a\rb'],
      ['split', 'ж'],
    ]);
    expect(counts).toEqual({ published: 2, deadLettered: 2 });
    expect(bad).toEqual([
      { label: 'stdin', line: 2, problems: ['not valid UTF-8 (byte 2 of the line)'] },
      { label: 'stdin', line: 4, problems: ['text: lone UTF-16 surrogate U+D800 at character 1'] },
    ]);
  });

  it('fails before reading anything when a path does not exist', async () => {
    await expect(resolveJsonLinesSources(['/nonexistent/x.jsonl'])).rejects.toThrow(/no such file or folder/);
  });
});
