import { describe, expect, it } from 'vitest';
import { issuesAt, mapIssues, runBlocker } from '../src/validation/issues';
import type { ValidationIssue } from '../src/api/types';

const issues: ValidationIssue[] = [
  { nodeId: 'gpt', field: 'config.temperature', code: 'invalid_config', message: 'must have a maximum value of 2', severity: 'error' },
  { nodeId: 'prompt', field: 'config.messages[1].content', code: 'invalid_config', message: 'must not be empty', severity: 'error' },
  { nodeId: 'claude', field: 'inputs.messages', code: 'missing_input', message: 'connect messages or prompt', severity: 'error' },
  { nodeId: 'claude', field: 'config.model', code: 'retired_model', message: 'retired; use claude-opus-4-8', severity: 'warning' },
  { edgeId: 'e3', nodeId: 'claude', field: 'targetPort', code: 'incompatible_ports', message: 'Text does not fit Messages', severity: 'error' },
  { field: 'outputs.answer', code: 'expression_error', message: 'bad expression' },
];

describe('validation issue mapping', () => {
  const map = mapIssues(issues);

  it('puts config issues on their field, port issues on the node, edge issues on the edge', () => {
    expect(map.nodes.gpt.fields.temperature[0].message).toBe('must have a maximum value of 2');
    expect(map.nodes.prompt.fields['messages[1].content']).toHaveLength(1);
    expect(map.nodes.claude.general.map((i) => i.code)).toEqual(['missing_input', 'incompatible_ports']);
    expect(map.edges.e3[0].code).toBe('incompatible_ports');
    expect(map.workflow.map((i) => i.code)).toEqual(['expression_error']);
  });

  it('counts errors and warnings apart (a missing severity is an error)', () => {
    expect(map.errorCount).toBe(5);
    expect(map.nodes.claude).toMatchObject({ errorCount: 2, warningCount: 1 });
  });

  it('finds the issues of a field and of what is inside it', () => {
    expect(issuesAt(map.nodes.prompt, 'messages').map((i) => i.field)).toEqual(['config.messages[1].content']);
    expect(issuesAt(map.nodes.prompt, 'messages[1].content')).toHaveLength(1);
    expect(issuesAt(map.nodes.prompt, 'message')).toHaveLength(0);
    expect(issuesAt(undefined, 'x')).toEqual([]);
  });

  it('explains why Run is disabled, or allows it', () => {
    expect(runBlocker(map, 3)).toBe('Fix 5 errors first — outputs.answer: bad expression (and 4 more)');
    expect(runBlocker(mapIssues([issues[0]]), 3)).toBe('Fix the error first — gpt: temperature: must have a maximum value of 2');
    expect(runBlocker(mapIssues([issues[3]]), 3)).toBeUndefined();
    expect(runBlocker(mapIssues([]), 0)).toBe('Add nodes to the canvas first.');
  });
});
