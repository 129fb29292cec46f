import { describe, expect, it } from 'vitest';
import { parseTemplate, renderPreview, templateCompletions } from '../src/template/template';

describe('templates', () => {
  it('splits text and holes', () => {
    expect(parseTemplate('Hi {{ name }}, {{inputs.x}}!')).toEqual([
      { kind: 'text', text: 'Hi ' }, { kind: 'hole', expr: 'name', raw: '{{ name }}' },
      { kind: 'text', text: ', ' }, { kind: 'hole', expr: 'inputs.x', raw: '{{inputs.x}}' }, { kind: 'text', text: '!' },
    ]);
    expect(parseTemplate('no holes')).toEqual([{ kind: 'text', text: 'no holes' }]);
  });

  it('fills bare names and inputs.x from sample values, and node outputs when known', () => {
    const scope = { inputs: { topic: 'otters', n: 3 }, nodes: { claude: { output: { text: 'hello' } } } };
    expect(renderPreview('Write about {{ topic }} x{{inputs.n}}: {{ nodes.claude.output.text }}', scope))
      .toEqual({ text: 'Write about otters x3: hello', unresolved: [] });
  });

  it('shows what it cannot fill as a placeholder and lists it', () => {
    const r = renderPreview('{{ missing }} and {{ size(topic) > 3 }}', { inputs: { topic: 'x' } });
    expect(r.text).toBe('‹missing› and ‹size(topic) > 3›');
    expect(r.unresolved).toEqual(['missing', 'size(topic) > 3']);
  });

  it('offers workflow inputs and upstream node outputs for completion', () => {
    const list = templateCompletions(['topic'], [{ id: 'prompt', outputs: ['text'] }]);
    expect(list.map((c) => c.label)).toEqual(['topic', 'inputs.topic', 'nodes.prompt.output.text']);
  });
});
