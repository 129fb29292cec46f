// Where in a field's text each of its issues lies (for the editor's underline) and the fixes that
// are known for it: an unknown variable close to a declared input → "Use `topic`"; an undeclared
// one → "Add `topc` as an input".
import type { ValidationIssue } from '../api/types';
import { isError } from './issues';
import { parseMessage } from './issueText';

export type QuickFix =
  | { kind: 'replace'; label: string; from: number; to: number; insert: string }
  | { kind: 'addInput'; label: string; name: string };

export interface FieldProblem {
  message: string;
  severity: 'error' | 'warning';
  /** UTF-16 offsets into the field's text: what the editor underlines. */
  from: number;
  to: number;
  fixes: QuickFix[];
}

/** The UTF-16 offset of a 1-based line and code-point column (clamped to the text). */
export function offsetAt(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  for (let c = 1; c < column && at < text.length && text[at] !== '\n'; c++) {
    at += (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
  }
  return at;
}

const UNKNOWN_VARIABLE = /unknown variable '([^']+)'/;
const UNKNOWN_INPUT = /unknown input 'inputs\.([^']+)'/;
const DID_YOU_MEAN = /did you mean ([^?]+)\?/;

/** The problems of one field whose text is `text`. Issues without a place underline the whole text. */
export function fieldProblems(issues: readonly ValidationIssue[], text: string): FieldProblem[] {
  return issues.map((issue) => {
    const parsed = parseMessage(issue.message);
    const severity = isError(issue) ? 'error' : 'warning';
    const variable = UNKNOWN_VARIABLE.exec(parsed.summary)?.[1] ?? UNKNOWN_INPUT.exec(parsed.summary)?.[1];
    const at = parsed.line !== undefined ? offsetAt(text, parsed.line, parsed.column ?? 1) : undefined;
    const [from, to] = variable !== undefined ? nameRange(text, variable, at) : pointRange(text, at);
    const fixes: QuickFix[] = [];
    if (variable !== undefined && from < to && text.slice(from, to) === variable) {
      for (const close of DID_YOU_MEAN.exec(parsed.summary)?.[1].split(',').map((s) => s.trim()).filter(isName) ?? []) {
        fixes.push({ kind: 'replace', label: `Use \`${close}\``, from, to, insert: close });
      }
      if (isName(variable)) fixes.push({ kind: 'addInput', label: `Add \`${variable}\` as an input`, name: variable });
    }
    return { message: parsed.summary, severity, from, to, fixes };
  });
}

/** The text with a replace fix applied. */
export function applyReplace(text: string, fix: Extract<QuickFix, { kind: 'replace' }>): string {
  return text.slice(0, fix.from) + fix.insert + text.slice(fix.to);
}

const isName = (s: string) => /^[A-Za-z_]\w*$/.test(s);

// The name at the server's place; if the text moved on since (the user kept typing), the nearest
// whole-word occurrence of it.
function nameRange(text: string, name: string, at: number | undefined): [number, number] {
  const candidates: number[] = [];
  const word = new RegExp(`(?<![\\w.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\w)`, 'g');
  for (const m of text.matchAll(word)) candidates.push(m.index);
  if (at !== undefined) {
    // the server points at `inputs.x` for an input: the name is after the dot
    const inputs = text.startsWith('inputs.', at) ? at + 'inputs.'.length : at;
    if (text.startsWith(name, inputs)) return [inputs, inputs + name.length];
    const after = text.indexOf(`.${name}`, at);
    if (after >= 0 && candidates.length === 0) return [after + 1, after + 1 + name.length];
  }
  if (candidates.length === 0) return pointRange(text, at);
  const best = at === undefined ? candidates[0] : candidates.reduce((a, b) => (Math.abs(b - at) < Math.abs(a - at) ? b : a));
  return [best, best + name.length];
}

function pointRange(text: string, at: number | undefined): [number, number] {
  if (at === undefined) return [0, text.length];
  if (at < text.length) return [at, at + 1];
  return [Math.max(0, text.length - 1), text.length];
}
