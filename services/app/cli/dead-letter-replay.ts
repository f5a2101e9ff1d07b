import type { Article } from '../../../schemas/article.ts';
import type { IngestChannel } from '../../pipeline/ingest/publisher.ts';
import { articleProblems } from '../../pipeline/ingest/article-checks.ts';
import { parsePushedArticles } from '../../pipeline/ingest/http-body.ts';

// What `claimwatch dead-letters replay` sends back to the raw topic: the articles in a dead letter's payload (or in
// the fixed payload given with --input), checked by the same rules as every ingest channel. Pure.

/** The articles to re-publish and their channel, or every problem that would refuse them again. */
export type ReplayPlan = { ok: true; articles: Article[]; channel: IngestChannel } | { ok: false; problems: string[] };

const CHANNELS: Record<string, IngestChannel> = {
  'ingest:file': 'file',
  'ingest:stdin': 'stdin',
  'ingest:http': 'http',
  'ingest:feed': 'feed',
};

/** The ingest channel a dead letter's article came through (`ingest:http` → http); anything else counts as a file. */
export const channelOf = (source: string): IngestChannel => CHANNELS[source] ?? 'file';

/** One JSON document, else JSON lines (one article per line); undefined when neither parses, with the reason. */
function parseJsonOrLines(text: string): { value: unknown } | { problem: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    if (lines.length > 1) {
      const values: unknown[] = [];
      for (const [i, line] of lines.entries()) {
        try {
          values.push(JSON.parse(line));
        } catch {
          return { problem: `line ${i + 1} is not JSON` };
        }
      }
      return { value: values };
    }
    return { problem: `not JSON (${(err as Error).message})` };
  }
}

/**
 * Reads a payload as articles to replay: an `ArticleReceived` envelope (a raw-topic message the pipeline refused) gives
 * its article and channel; otherwise one article, an array, `{articles: […]}` or JSON lines, with `source` naming
 * the channel. Refuses with every problem (schema issues as sentences naming the field, then the ingest limits).
 */
export function replayPlan(payload: string, source: string): ReplayPlan {
  const parsed = parseJsonOrLines(payload);
  if ('problem' in parsed) return { ok: false, problems: [parsed.problem] };
  let body = parsed.value;
  let channel = channelOf(source);
  const env = body as { type?: unknown; data?: { article?: unknown; channel?: unknown } } | null;
  if (
    env !== null &&
    typeof env === 'object' &&
    env.type === 'ArticleReceived' &&
    env.data &&
    typeof env.data === 'object'
  ) {
    body = env.data.article;
    if (typeof env.data.channel === 'string' && Object.values(CHANNELS).includes(env.data.channel as IngestChannel))
      channel = env.data.channel as IngestChannel;
  }
  const pushed = parsePushedArticles(body);
  if (!pushed.ok) {
    const many = Array.isArray(body) && body.length > 1;
    return {
      ok: false,
      problems: pushed.problems.length
        ? pushed.problems.flatMap((p) => p.problems.map((q) => (many ? `article ${p.index + 1}: ${q}` : q)))
        : [pushed.error],
    };
  }
  const refused = pushed.articles.flatMap((a) => articleProblems(a).map((p) => `${a.id}: ${p}`));
  return refused.length > 0 ? { ok: false, problems: refused } : { ok: true, articles: pushed.articles, channel };
}

/** A dead letter's id as `list` prints it: `PARTITION/OFFSET` (a bare offset means partition 0). Throws a sentence. */
export function parseDeadLetterId(id: string): { partition: number; offset: string } {
  const m = /^(?:(\d+)\/)?(\d+)$/.exec(id.trim());
  if (!m)
    throw new Error(
      `dead letter ${JSON.stringify(id)}: expected PARTITION/OFFSET as \`claimwatch dead-letters list\` prints it (e.g. 0/17)`,
    );
  return { partition: Number(m[1] ?? 0), offset: String(BigInt(m[2] ?? '0')) };
}
