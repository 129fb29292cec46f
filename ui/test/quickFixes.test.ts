// Item 7 of issue 14: an issue's text is one short line naming its field (the CLI's caret diagram
// becomes an underline), its place in the field's text is found, and known fixes are offered.
import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../src/api/types';
import { parseMessage, shortIssue } from '../src/validation/issueText';
import { applyReplace, fieldProblems, offsetAt } from '../src/validation/quickFixes';

// The messages as core's ExpressionCheck writes them: position, problem, source line, caret.
const unknown = (line: number, column: number, name: string, hint: string, source: string, caret: number): ValidationIssue => ({
  nodeId: 'prompt', field: 'config.template', code: 'unknown_variable', severity: 'error',
  message: `${line}:${column}: unknown variable '${name}'${hint}\n | ${source}\n | ${'.'.repeat(caret)}^`,
});

describe('issue text', () => {
  it('drops the position and the caret diagram, keeping the problem', () => {
    const text = parseMessage("1:16: unknown variable 'topc' — did you mean topic?\n | Write about {{ topc }}\n | ...............^");
    expect(text).toEqual({ summary: "unknown variable 'topc' — did you mean topic?", line: 1, column: 16 });
    expect(parseMessage('must not be empty')).toEqual({ summary: 'must not be empty' });
  });

  it('names the field once', () => {
    const issue = unknown(1, 16, 'topc', ' — did you mean topic?', 'Write about {{ topc }}', 15);
    expect(shortIssue(issue)).toBe("template: unknown variable 'topc' — did you mean topic?");
    expect(shortIssue(issue, 'Template')).toBe("Template: unknown variable 'topc' — did you mean topic?");
    expect(shortIssue({ nodeId: 'c', field: 'config.model', code: 'missing_config', message: 'model is required' })).toBe('model is required');
    expect(shortIssue({ nodeId: 'c', field: 'inputs.messages', code: 'missing_input', message: 'connect messages or prompt' })).toBe('messages: connect messages or prompt');
    expect(shortIssue({ nodeId: 'c', code: 'cycle', message: 'a loop' })).toBe('a loop');
  });
});

describe('field problems and quick fixes', () => {
  it('turns line and code-point column into a UTF-16 offset', () => {
    expect(offsetAt('ab\ncd', 2, 2)).toBe(4);
    expect(offsetAt('😀x', 1, 2)).toBe(2);
    expect(offsetAt('ab', 5, 1)).toBe(2);
  });

  it('underlines an unknown variable and offers the close input and declaring it', () => {
    const text = 'Write about {{ topc }}';
    const [p] = fieldProblems([unknown(1, 16, 'topc', ' — did you mean topic?', text, 15)], text);
    expect(text.slice(p.from, p.to)).toBe('topc');
    expect(p.message).toBe("unknown variable 'topc' — did you mean topic?");
    expect(p.fixes.map((f) => f.label)).toEqual(['Use `topic`', 'Add `topc` as an input']);
    const use = p.fixes[0];
    expect(use.kind === 'replace' && applyReplace(text, use)).toBe('Write about {{ topic }}');
    expect(p.fixes[1]).toEqual({ kind: 'addInput', label: 'Add `topc` as an input', name: 'topc' });
  });

  it('offers only declaring a variable nothing is close to', () => {
    const text = 'For {{ audience }}';
    const [p] = fieldProblems([unknown(1, 8, 'audience', '; declare it under the workflow\'s inputs', text, 7)], text);
    expect(text.slice(p.from, p.to)).toBe('audience');
    expect(p.fixes.map((f) => f.label)).toEqual(['Add `audience` as an input']);
  });

  it('finds the name again when the text moved on since the server looked', () => {
    const text = 'Now: write about {{ topc }}';
    const [p] = fieldProblems([unknown(1, 16, 'topc', ' — did you mean topic?', 'Write about {{ topc }}', 15)], text);
    expect(text.slice(p.from, p.to)).toBe('topc');
  });

  it('underlines the name of an unknown inputs.x', () => {
    const text = '{{ inputs.topc }}';
    const issue: ValidationIssue = { nodeId: 'p', field: 'config.template', code: 'unknown_variable', severity: 'error',
      message: "1:4: unknown input 'inputs.topc' — did you mean topic?\n | {{ inputs.topc }}\n | ...^" };
    const [p] = fieldProblems([issue], text);
    expect(text.slice(p.from, p.to)).toBe('topc');
    const use = p.fixes[0];
    expect(use.kind === 'replace' && applyReplace(text, use)).toBe('{{ inputs.topic }}');
  });

  it('places a syntax error at its column and a placeless issue over the whole text', () => {
    const text = '{{ a + }}';
    const [syntax] = fieldProblems([{ nodeId: 'p', field: 'config.template', code: 'invalid_expression', message: "1:8: unexpected '}'\n | {{ a + }}\n | .......^" }], text);
    expect([syntax.from, syntax.to]).toEqual([7, 8]);
    expect(syntax.fixes).toEqual([]);
    const [whole] = fieldProblems([{ nodeId: 'p', field: 'config.template', code: 'invalid_config', message: 'too long', severity: 'warning' }], text);
    expect([whole.from, whole.to, whole.severity]).toEqual([0, text.length, 'warning']);
  });
});
