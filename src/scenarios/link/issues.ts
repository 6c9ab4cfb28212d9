// Turns a zod issue into one sentence a teacher or student can act on: which thing, which field, what
// was found and what was expected ("Action 7 (killBroker) has no brokerId.").
import type { z } from 'zod';
import { quote } from './types';

type Issue = z.core.$ZodIssue;

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

/** `['topic', 'config', 'min.insync.replicas']` → `topic.config["min.insync.replicas"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) text += text ? `.${key}` : key;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

export function describeIssue(subject: string, issue: Issue): string {
  const path = formatPath(issue.path);
  const field = path || 'value';
  const found = 'input' in issue && issue.input !== undefined;
  const has = (rule: string) => `${subject} has ${field} ${quote(issue.input)}, but it must be ${rule}.`;
  switch (issue.code) {
    case 'invalid_type':
      if (!found) return path ? `${subject} has no ${path}.` : `${subject} is missing.`;
      return has(EXPECTED[issue.expected] ?? issue.expected);
    case 'too_small':
      return has(bound('at least', issue.minimum, issue.inclusive, issue.origin));
    case 'too_big':
      return has(bound('at most', issue.maximum, issue.inclusive, issue.origin));
    case 'invalid_value':
      return has(`one of ${issue.values.map(quote).join(', ')}`);
    case 'unrecognized_keys':
      return `${subject} has ${issue.keys.length > 1 ? 'unexpected fields' : 'an unexpected field'} ${issue.keys
        .map((k) => quote(k))
        .join(', ')}${path ? ` in ${path}` : ''}.`;
    case 'invalid_union':
      return describeUnion(subject, field, issue);
    default:
      return `${subject} has an invalid ${field}: ${issue.message}.`;
  }
}

function bound(word: string, limit: number | bigint, inclusive: boolean | undefined, origin: string): string {
  const n = Number(limit);
  if (origin === 'array') return `a list of ${word} ${n} ${n === 1 ? 'entry' : 'entries'}`;
  if (origin === 'string') return `${word} ${n} ${n === 1 ? 'character' : 'characters'} long`;
  if (inclusive === false) return word === 'at least' ? `more than ${n}` : `less than ${n}`;
  return `${word} ${n}`;
}

function describeUnion(subject: string, field: string, issue: z.core.$ZodIssueInvalidUnion): string {
  // A discriminated union reports the whole object; the offending value is its discriminator.
  if (issue.discriminator !== undefined && issue.path.length > 0) {
    const input = issue.input as Record<string, unknown> | undefined;
    const value = input?.[issue.discriminator];
    if (value === undefined) return `${subject} has no ${field}.`;
    const options = ('options' in issue ? (issue.options ?? []) : []).map(quote).join(', ');
    return `${subject} has ${field} ${quote(value)}, but it must be one of ${options}.`;
  }
  // A union of literals (acks: 0, 1 or "all") reports each alternative's invalid_value.
  const values = issue.errors.flat().flatMap((e) => (e.code === 'invalid_value' ? e.values : []));
  if (!('input' in issue) || issue.input === undefined) return `${subject} has no ${field}.`;
  const rule = values.length > 0 ? `one of ${values.map(quote).join(', ')}` : 'one of the allowed forms';
  return `${subject} has ${field} ${quote(issue.input)}, but it must be ${rule}.`;
}
