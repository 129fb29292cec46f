// A field shows one short message naming it, with the quick fixes as buttons; a list shows only
// what is about itself, so a problem inside an item is not repeated on the list.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../src/api/types';
import { FieldView, type FieldContext } from '../src/fields/FieldView';
import type { FieldSpec } from '../src/schema/form';
import { issuesAt, mapIssues } from '../src/validation/issues';

afterEach(cleanup);

const unknownTopc: ValidationIssue = {
  nodeId: 'prompt', field: 'config.messages[0].content', code: 'unknown_variable', severity: 'error',
  message: "1:16: unknown variable 'topc' — did you mean topic?\n | Write about {{ topc }}\n | ...............^",
};

function context(issues: ValidationIssue[], added: string[]): FieldContext {
  const node = mapIssues(issues).nodes.prompt;
  return {
    idPrefix: 'cfg', models: [], secrets: [], completions: [], provider: null, modelKind: 'any', credentials: [],
    issuesAt: (path) => issuesAt(node, path), addInput: (name) => added.push(name),
  };
}

const content: FieldSpec = { key: 'content', path: 'messages[].content', label: 'Content', kind: 'template', required: true };
const messages: FieldSpec = { key: 'messages', path: 'messages', label: 'Messages', kind: 'list', required: false, fields: [content] };

describe('field issues', () => {
  it('says the problem once, naming the field, without the caret diagram', () => {
    const { container } = render(<FieldView field={messages} path="messages" value={[{ content: 'Write about {{ topc }}' }]}
      onChange={() => undefined} ctx={context([unknownTopc, { ...unknownTopc, message: 'second' }], [])} />);
    const shown = [...container.querySelectorAll('.field-issues p.error')].map((p) => p.textContent);
    expect(shown).toEqual(["Content: unknown variable 'topc' — did you mean topic? (and 1 more)"]);
    expect(container.textContent).not.toMatch(/\^|\| Write/);
  });

  it('applies "Use topic" to the text and "Add topc as an input" to the workflow', () => {
    const values: unknown[] = [];
    const added: string[] = [];
    render(<FieldView field={content} path="messages[0].content" value="Write about {{ topc }}"
      onChange={(v) => values.push(v)} ctx={context([unknownTopc], added)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Use topic' }));
    expect(values).toEqual(['Write about {{ topic }}']);
    fireEvent.click(screen.getByRole('button', { name: 'Add topc as an input' }));
    expect(added).toEqual(['topc']);
  });
});
