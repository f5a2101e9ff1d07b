import { describe, expect, it } from 'vitest';
import { BackfillRequestSchema } from '../../../schemas/backfill.ts';
import { describeIssues } from '../../../schemas/problems.ts';

// Zod's unions ("date or date-time") used to read "to: not valid" (or zod's "Invalid input"): now in words.
describe('zod issues of a union, as sentences naming the field', () => {
  const problems = (body: unknown) => {
    const parsed = BackfillRequestSchema.safeParse(body);
    return parsed.success ? [] : describeIssues(parsed.error);
  };

  it('says a missing field is required', () => {
    expect(problems({ from: '2024-01-01' })).toEqual(['to: required']);
  });

  it('says what the field must be, in words', () => {
    expect(problems({ from: '2024-01-01', to: 'nope' })).toContain(
      'to: must be an ISO date-time (YYYY-MM-DDTHH:MM:SSZ)',
    );
    expect(problems({ from: '2024-01-01', to: 'nope' }).join(' ')).not.toMatch(/Invalid/);
  });
});
