/**
 * Turns zod issues into sentences an editor can act on: the field, what was expected, what was found.
 * Shared by the article collection and the `support.yaml` loader.
 */
import type { core } from 'zod';

type Issue = core.$ZodIssue | core.$ZodRawIssue;

/** Short human description of any value, for "found ..." parts. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** "expected ..., found ..." for one issue; `input` is the value that failed. */
export function describeIssue(issue: Issue, input: unknown): string {
  const found = `found ${describeValue(input)}`;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}, ${found}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, ${found}`;
    case 'too_small':
      return `expected ${issue.origin === 'array' ? 'at least' : 'at least'} ${String(issue.minimum)}${unit(issue.origin)}, ${found}`;
    case 'too_big':
      return `expected at most ${String(issue.maximum)}${unit(issue.origin)}, ${found}`;
    case 'invalid_format':
      return `expected ${issue.format === 'regex' ? (issue.message ?? 'another format') : `a valid ${issue.format}`}, ${found}`;
    case 'invalid_union': {
      // A discriminated union names the discriminator values it knows ("model: queue or calendar-days").
      const options = (issue as { options?: unknown[] }).options;
      if (Array.isArray(options) && options.length) return `expected one of ${options.map((v) => JSON.stringify(v)).join(', ')}, ${found}`;
      return `expected ${issue.message ?? 'a valid value'}, ${found}`;
    }
    case 'unrecognized_keys':
      return `expected no field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    default:
      return `expected ${issue.message ?? 'a valid value'}, ${found}`;
  }
}

function unit(origin: string | undefined): string {
  if (origin === 'string') return ' characters';
  if (origin === 'array' || origin === 'set') return ' items';
  return '';
}

/** Reads the value at a zod path. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = root;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** One line per issue: "departments.0.name.it: expected string, found nothing". */
export function formatIssues(issues: readonly core.$ZodIssue[], root: unknown): string[] {
  return issues.map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
    return `${path}: ${describeIssue(issue, valueAt(root, issue.path))}`;
  });
}
