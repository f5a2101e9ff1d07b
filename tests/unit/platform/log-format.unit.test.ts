import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { chooseLogFormat, formatPrettyLine, isExpectedKafkaRetry } from '../../../services/platform/log-format.ts';
import { createRootLogger } from '../../../services/platform/logger.ts';

const at = new Date(2026, 0, 2, 3, 4, 5, 6).getTime();

describe('pretty log lines', () => {
  it('show local time, level, component, message and the other fields as key=value on one line', () => {
    const line = formatPrettyLine(
      {
        level: 40,
        time: at,
        app: 'claimwatch',
        pid: 1,
        component: 'api',
        msg: 'running open',
        url: 'http://127.0.0.1:8080',
        count: 3,
        note: 'two words',
      },
      { colours: false },
    );
    expect(line).toBe('03:04:05.006 WARN  [api] running open url=http://127.0.0.1:8080 count=3 note="two words"\n');
  });

  it('keep one line whatever the message carries: ANSI colours and line breaks are removed', () => {
    const line = formatPrettyLine(
      { level: 30, time: at, msg: '\u001b[33m WARN\u001b[0m task\nslow', detail: 'a\r\nb' },
      { colours: false },
    );
    // A field value is JSON-quoted, so its line break is the two characters \r\n.
    expect(line).toBe('03:04:05.006 INFO  WARN task slow detail="a\\r\\nb"\n');
    expect(line.split('\n')).toHaveLength(2);
  });

  it('show an error as its type and message, and both components of a child of a child', () => {
    const line = formatPrettyLine(
      {
        level: 50,
        time: at,
        component: ['kafka', 'kafkajs'],
        msg: 'failed',
        err: { type: 'TypeError', message: 'boom', stack: 'TypeError: boom\n    at x' },
      },
      { colours: false },
    );
    expect(line).toBe('03:04:05.006 ERROR [kafka/kafkajs] failed err="TypeError: boom"\n');
  });

  it('colour the level on a terminal', () => {
    expect(formatPrettyLine({ level: 50, time: at, msg: 'x' }, { colours: true })).toContain(
      '\u001b[31mERROR\u001b[0m',
    );
  });
});

describe('log format choice', () => {
  it('is LOG_FORMAT when set, else pretty on a terminal and JSON elsewhere', () => {
    expect(chooseLogFormat(undefined, true)).toBe('pretty');
    expect(chooseLogFormat(undefined, false)).toBe('json');
    expect(chooseLogFormat('json', true)).toBe('json');
    expect(chooseLogFormat('pretty', false)).toBe('pretty');
  });
});

describe('JSON logs', () => {
  it('never carry ANSI sequences from a logged message (Temporal core colours its own)', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    createRootLogger('info', sink).warn(
      { component: 'temporal' },
      '\u001b[33m WARN\u001b[0m \u001b[2mtemporalio_sdk_core\u001b[0m: slow task',
    );
    const entry = JSON.parse(lines[0] ?? '{}') as { msg: string };
    expect(entry.msg).toBe(' WARN temporalio_sdk_core: slow task');
  });
});

describe('expected Kafka retries', () => {
  it('are the coordinator and leadership conditions of a starting broker, not every error', () => {
    expect(
      isExpectedKafkaRetry({
        message: 'Response GroupCoordinator(key: 10, version: 2)',
        error: 'The group coordinator is not available',
      }),
    ).toBe(true);
    expect(
      isExpectedKafkaRetry({
        message: 'Response InitProducerId(key: 22, version: 1)',
        error: "The coordinator is loading and hence can't process requests for this group",
      }),
    ).toBe(true);
    expect(
      isExpectedKafkaRetry({
        message: 'Response Metadata',
        error: 'There is no leader for this topic-partition as we are in the middle of a leadership election',
      }),
    ).toBe(true);
    expect(
      isExpectedKafkaRetry({
        message: 'Response Produce',
        error: 'The request included a message larger than the max message size the server will accept',
      }),
    ).toBe(false);
    expect(isExpectedKafkaRetry({ message: 'Connection error: connect ECONNREFUSED 127.0.0.1:9092' })).toBe(false);
  });
});
