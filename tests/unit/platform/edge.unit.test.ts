import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeJson, decodeMessage, locationOf, toApplicationFailure } from '../../../services/platform/edge.ts';
import { InvalidInputError, UnavailableError } from '../../../services/platform/errors.ts';

const Point = z.object({ x: z.number() });
const message = (value: string | null) => ({ topic: 'claimwatch.claims.x.v1', partition: 2, offset: '41', value });

describe('edge kit', () => {
  it('given a message, when it is located, then it reads topic/partition/offset', () => {
    expect(locationOf(message(null))).toBe('claimwatch.claims.x.v1/2/41');
  });

  it('given a valid value, when decoded, then the data comes back parsed', () => {
    expect(decodeMessage(Point, message('{"x":3}'))).toEqual({ ok: true, data: { x: 3 } });
  });

  it('given an empty, a non-JSON or a wrong value, when decoded, then each names its problem', () => {
    expect(decodeMessage(Point, message(null))).toEqual({ ok: false, problems: ['(root): empty message'] });
    const notJson = decodeJson(Point, '{x');
    expect(notJson.ok === false && notJson.problems[0]).toMatch(/^\(root\): not JSON/);
    const wrong = decodeJson(Point, '{"x":"3"}');
    expect(wrong.ok === false && wrong.problems[0]).toMatch(/^x: /);
  });

  it('given a permanent claimwatch error, when it leaves an activity, then Temporal gets a non-retryable failure of its name', () => {
    let thrown: unknown;
    try {
      toApplicationFailure(new InvalidInputError('bad article', ['text: too long']));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ApplicationFailure);
    expect((thrown as ApplicationFailure).nonRetryable).toBe(true);
    expect((thrown as ApplicationFailure).type).toBe('InvalidInputError');
  });

  it('given a transient error, when it leaves an activity, then it is rethrown as is (retried)', () => {
    const err = new UnavailableError('broker down');
    expect(() => toApplicationFailure(err)).toThrow(err);
  });
});
