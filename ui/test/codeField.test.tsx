// The CodeMirror template field: {{ }} holes are highlighted, completion offers inputs and
// upstream node outputs inside a hole, and outside changes (undo) are not echoed back as edits.
import { CompletionContext } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CodeField } from '../src/fields/CodeField';
import { completionSource } from '../src/fields/templateLanguage';
import { templateCompletions } from '../src/template/template';

afterEach(cleanup);

const items = templateCompletions(['topic'], [{ id: 'prompt', outputs: ['text', 'messages'] }]);

function complete(doc: string, mode: 'template' | 'expression', explicit = false) {
  const state = EditorState.create({ doc });
  return completionSource(() => items, mode)(new CompletionContext(state, doc.length, explicit));
}

describe('template completion', () => {
  it('offers inputs and upstream outputs inside a {{ }} hole', () => {
    const r = complete('Write about {{ to', 'template');
    expect(r?.from).toBe('Write about {{ '.length);
    expect(r?.options.map((o) => o.label)).toEqual(['topic', 'inputs.topic', 'nodes.prompt.output.text', 'nodes.prompt.output.messages']);
    expect(complete('Write about {{ ', 'template')?.from).toBe('Write about {{ '.length);
  });

  it('stays quiet outside holes and after a closed hole', () => {
    expect(complete('Write about to', 'template')).toBeNull();
    expect(complete('{{ topic }} and mo', 'template')).toBeNull();
  });

  it('completes anywhere in a CEL expression', () => {
    expect(complete('size(inputs.to', 'expression')?.options.length).toBe(4);
    expect(complete('size(', 'expression')).toBeNull();
    expect(complete('size(', 'expression', true)?.options.length).toBe(4);
  });
});

describe('CodeField', () => {
  it('highlights holes and labels the editor', () => {
    const { container } = render(<CodeField id="f" label="Content" value="Hi {{ topic }}!" onChange={() => undefined} mode="template" completions={items} />);
    expect(container.querySelector('.cm-content')?.getAttribute('aria-label')).toBe('Content');
    expect([...container.querySelectorAll('.cm-template-hole')].map((e) => e.textContent)).toEqual([' topic ']);
    expect([...container.querySelectorAll('.cm-template-brace')].map((e) => e.textContent)).toEqual(['{{', '}}']);
  });

  it('takes outside changes without echoing them as edits', () => {
    const edits: string[] = [];
    const { rerender, container } = render(<CodeField id="f" label="C" value="one" onChange={(v) => edits.push(v)} mode="template" completions={items} />);
    rerender(<CodeField id="f" label="C" value="two {{ x }}" onChange={(v) => edits.push(v)} mode="template" completions={items} />);
    expect(container.querySelector('.cm-content')?.textContent).toBe('two {{ x }}');
    expect(edits).toEqual([]);
  });
});

describe('CodeField problems', () => {
  it('underlines each problem in the editor and clears it when the problems go', () => {
    const problems = [{ message: "unknown variable 'topc'", severity: 'error' as const, from: 15, to: 19, fixes: [] }];
    const { container, rerender } = render(<CodeField id="f" label="C" value="Write about {{ topc }}" onChange={() => undefined}
      mode="template" completions={items} problems={problems} />);
    expect([...container.querySelectorAll('.cm-lintRange-error')].map((e) => e.textContent)).toEqual(['topc']);
    rerender(<CodeField id="f" label="C" value="Write about {{ topic }}" onChange={() => undefined} mode="template" completions={items} problems={[]} />);
    expect(container.querySelectorAll('.cm-lintRange-error')).toHaveLength(0);
  });
});
