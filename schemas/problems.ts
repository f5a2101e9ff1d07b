import type { z } from 'zod';

/** Renders every zod issue as `field: message` so a user sees all problems of one input at once. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
}
