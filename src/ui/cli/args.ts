// A command line as the Kafka tools read it: words split as a POSIX shell splits them (quotes and
// backslashes), then options as joptsimple parses them (`--name value` or `--name=value`, flags without
// a value, unknown options refused in joptsimple's words).

/** The words of a line, or why the shell could not split it. */
export function shellWords(line: string): string[] | { error: string } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote)
    return { error: `unexpected end of line: a ${quote === '"' ? 'double' : 'single'} quote is not closed` };
  if (inWord) words.push(word);
  return words;
}

/**
 * How each option of a tool takes values: a flag takes none; `one` takes one; `many` may repeat;
 * `optional` may take one (joptsimple's withOptionalArg: `--state`, `--state Stable`, `--state=Stable`).
 */
export type OptionSpec = Record<string, 'flag' | 'one' | 'many' | 'optional'>;

export interface ParsedOptions {
  has: (name: string) => boolean;
  value: (name: string) => string | undefined;
  values: (name: string) => string[];
}

/** Options after the tool's name, or joptsimple's message for the first it cannot accept. */
export function parseOptions(words: readonly string[], spec: OptionSpec): ParsedOptions | { error: string } {
  const seen = new Map<string, string[]>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('--')) return { error: `Found non-option argument: ${word}` };
    const eq = word.indexOf('=');
    const name = word.slice(2, eq < 0 ? undefined : eq);
    const kind = spec[name];
    if (kind === undefined) return { error: `${name} is not a recognized option` };
    const list = seen.get(name) ?? [];
    seen.set(name, list);
    if (kind === 'flag') {
      if (eq >= 0) return { error: `Option ${name} does not take an argument` };
      continue;
    }
    const value = eq >= 0 ? word.slice(eq + 1) : words[i + 1];
    if (kind === 'optional' && eq < 0 && (value === undefined || value.startsWith('--'))) continue;
    if (value === undefined || (eq < 0 && value.startsWith('--')))
      return { error: `Option ${name} requires an argument` };
    if (eq < 0) i++;
    list.push(value);
  }
  return {
    has: (name) => seen.has(name),
    value: (name) => seen.get(name)?.at(-1),
    values: (name) => seen.get(name) ?? [],
  };
}

/** Java's Integer.parseInt, as the tools read a number: digits with an optional sign, in int range. */
export function javaInt(text: string): number | null {
  if (!/^[+-]?\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= -2_147_483_648 && n <= 2_147_483_647 ? n : null;
}
