import { stripVTControlCharacters } from 'node:util';

/** How log lines look on stderr: `pretty` (one coloured line per event, for people) or `json` (one object per line, for machines). */
export type LogFormat = 'pretty' | 'json';

/** LOG_FORMAT when set, else pretty on a terminal and JSON otherwise (pipes, files, CI, containers). */
export function chooseLogFormat(configured: LogFormat | undefined, stderrIsTty: boolean): LogFormat {
  return configured ?? (stderrIsTty ? 'pretty' : 'json');
}

const LEVELS: Record<number, { name: string; colour: string }> = {
  10: { name: 'TRACE', colour: '90' },
  20: { name: 'DEBUG', colour: '36' },
  30: { name: 'INFO', colour: '32' },
  40: { name: 'WARN', colour: '33' },
  50: { name: 'ERROR', colour: '31' },
  60: { name: 'FATAL', colour: '41;97' },
};

/** Keys every line has or that the pretty line shows in its own place. */
const SHOWN_APART = new Set(['level', 'time', 'msg', 'app', 'pid', 'hostname', 'component', 'v']);

/** Removes ANSI sequences and line breaks: a log event stays one plain line whatever its text carries. */
export function oneLine(text: string): string {
  return stripVTControlCharacters(text).replace(/[\r\n]+/g, ' ');
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (value !== null && typeof value === 'object' && 'message' in value && typeof value.message === 'string') {
    const type = 'type' in value && typeof value.type === 'string' ? `${value.type}: ` : '';
    return JSON.stringify(`${type}${value.message}`);
  }
  return JSON.stringify(value) ?? String(value);
}

/**
 * One pino JSON log object as one human line: local clock time, level, [component], message, then key=value for
 * the rest (an error as its type and message; its stack stays in LOG_FORMAT=json). Control characters (a Temporal
 * core message's ANSI colours, a newline in a remote error) are removed so each event stays one line.
 */
export function formatPrettyLine(entry: Record<string, unknown>, options: { colours: boolean }): string {
  const level = LEVELS[Number(entry.level)] ?? { name: String(entry.level), colour: '0' };
  const paint = (codes: string, text: string) => (options.colours ? `\u001b[${codes}m${text}\u001b[0m` : text);
  const components = [entry.component].flat().filter((c): c is string => typeof c === 'string');
  const fields = Object.entries(entry)
    .filter(([k, v]) => !SHOWN_APART.has(k) && v !== undefined)
    .map(([k, v]) => `${paint('2', `${k}=`)}${oneLine(formatValue(v))}`);
  const parts = [
    paint('2', clockTime(typeof entry.time === 'number' ? entry.time : Date.now())),
    paint(level.colour, level.name.padEnd(5)),
    ...(components.length > 0 ? [paint('35', `[${components.join('/')}]`)] : []),
    typeof entry.msg === 'string' ? oneLine(entry.msg).trim() : '',
    ...fields,
  ];
  return `${parts.filter((p) => p !== '').join(' ')}\n`;
}

// kafkajs logs every error response at ERROR before it retries; these are retried by kafkajs or by our callers and
// show up in a normal start (the broker is still loading its coordinators) or during a rebalance.
const EXPECTED_RETRIES = [
  /coordinator is loading/i,
  /coordinator is not available/i,
  /not the correct coordinator|not coordinator/i,
  /not the leader for that topic-partition/i,
  /no leader for this topic-partition|leadership election/i,
  /does not host this topic-partition/i,
  /group is rebalancing|rebalance in progress/i,
  /leader not available/i,
];

/** True for a kafkajs error entry that is an expected, retried start-up or rebalance condition (logged at debug). */
export function isExpectedKafkaRetry(entry: { message: string; error?: unknown }): boolean {
  const text = `${entry.message} ${typeof entry.error === 'string' ? entry.error : ''}`;
  return EXPECTED_RETRIES.some((re) => re.test(text));
}
