import type { z } from 'zod';

// zod's own messages ("Invalid input: expected string, received undefined") are for programmers; a message a schema
// sets itself (a refine, `{ message }`) is already for people and is kept. Known zod defaults start like these.
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized|Expected)/;

const TYPE_WORDS: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  date: 'a date',
};

const FORMAT_WORDS: Record<string, string> = {
  url: 'a URL (http:// or https://)',
  date: 'a date YYYY-MM-DD',
  datetime: 'an ISO date-time (YYYY-MM-DDTHH:MM:SSZ)',
  email: 'an email address',
  uuid: 'a UUID',
  regex: 'in the expected format',
};

type Issue = z.core.$ZodIssue;

const oneOf = (values: readonly unknown[]) => values.map((v) => String(v)).join(', ');

function sentence(issue: Issue, field: string): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.endsWith('received undefined')
        ? `${field}: required`
        : `${field}: must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `${field}: must be ${issue.values.length === 1 ? String(issue.values[0]) : `one of ${oneOf(issue.values)}`}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options) return `${field}: must be one of ${oneOf(options)}`;
      // Each branch's first problem: all "missing" → required; else what each branch wanted ("a date … or an ISO date-time …").
      const firsts = ((issue as { errors?: Issue[][] }).errors ?? []).flatMap((b) => b.slice(0, 1));
      if (
        firsts.length > 0 &&
        firsts.every((i) => i.code === 'invalid_type' && i.message.endsWith('received undefined'))
      )
        return `${field}: required`;
      const wants = [
        ...new Set(
          firsts
            .map((i) => sentence(i, field))
            .filter((t) => t.startsWith(`${field}: must be `))
            .map((t) => t.slice(`${field}: must be `.length)),
        ),
      ];
      return wants.length > 0 ? `${field}: must be ${wants.join(' or ')}` : `${field}: not valid`;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return `${field}: must have at least ${min} character${min === 1 ? '' : 's'}`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `${field}: must have at least ${min} item${min === 1 ? '' : 's'}`;
      return `${field}: must be ${issue.inclusive ? 'at least' : 'more than'} ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `${field}: must have at most ${max} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${field}: must have at most ${max} items`;
      return `${field}: must be ${issue.inclusive ? 'at most' : 'less than'} ${max}`;
    }
    case 'invalid_format':
      return `${field}: must be ${FORMAT_WORDS[issue.format] ?? `a valid ${issue.format}`}`;
    case 'unrecognized_keys':
      return `${field}: unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.join(', ')}`;
    default:
      return `${field}: ${issue.message}`;
  }
}

/**
 * Renders every zod issue in words after the field it is about (`condition.series: required`, `url: must be a URL
 * (http:// or https://)`) so a user sees all problems of one input at once; a message the schema wrote itself stays
 * as `field: message`. `names` renames fields for the caller's vocabulary (the CLI says `--series`).
 */
export function describeIssues(
  error: z.ZodError,
  options: { names?: Readonly<Record<string, string>> } = {},
): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    const field = options.names?.[path] ?? path;
    return ZOD_DEFAULT.test(issue.message) || issue.code === 'unrecognized_keys'
      ? sentence(issue, field)
      : `${field}: ${issue.message}`;
  });
}
