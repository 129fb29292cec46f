// The short text of a validation issue. The server's message for an expression problem is the
// CLI's: "line:column: problem" then the source line and a caret under the place. The canvas
// shows the caret as an underline in the editor, so its text keeps only the problem, named by field.
import type { ValidationIssue } from '../api/types';

export interface IssueText {
  /** The problem, one line, without its position. */
  summary: string;
  /** 1-based line and column (code points) in the field's text, when the server gave them. */
  line?: number;
  column?: number;
}

const POSITIONED = /^(\d+):(\d+): ([\s\S]*)$/;

export function parseMessage(message: string): IssueText {
  const first = message.split('\n')[0].trim();
  const m = POSITIONED.exec(first);
  return m ? { summary: m[3], line: Number(m[1]), column: Number(m[2]) } : { summary: first };
}

/** "config.messages[1].content" → "messages[1].content"; "inputs.messages" → "messages". */
export function fieldName(field: string | null | undefined): string {
  return (field ?? '').replace(/^(config|inputs)\.?/, '');
}

/**
 * One line naming the field: "temperature: must have a maximum value of 1". A message that already
 * starts with the field's own name ("model is required") is not prefixed twice.
 */
export function shortIssue(issue: ValidationIssue, label?: string): string {
  const { summary } = parseMessage(issue.message);
  const name = label ?? fieldName(issue.field);
  if (!name) return summary;
  const last = name.replace(/\[\d+\]/g, '').split('.').pop() ?? name;
  return summary.toLowerCase().startsWith(last.toLowerCase() + ' ') ? summary : `${name}: ${summary}`;
}
