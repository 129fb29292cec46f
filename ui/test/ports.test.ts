import { describe, expect, it } from 'vitest';
import { accepts, checkConnection } from '../src/graph/ports';
import type { PortTypeName, WorkflowEdge } from '../src/api/types';
import { PORT_TYPES } from '../src/schema/nodes.generated';
import { registry, spec } from './fixtures';

const ALL: PortTypeName[] = [...PORT_TYPES];

describe('accepts (mirrors core PortType.accepts)', () => {
  it('takes the same type, and Message/Usage/Decision into Object, nothing else', () => {
    const fits: string[] = [];
    for (const target of ALL) for (const source of ALL) if (accepts(target, source)) fits.push(`${source}->${target}`);
    expect(fits.sort()).toEqual([
      ...ALL.map((t) => `${t}->${t}`),
      'Decision->Object', 'Message->Object', 'Usage->Object',
    ].sort());
  });

  it('covers every port type the registry uses', () => {
    const used = new Set(registry.flatMap((t) => [...t.inputs, ...t.outputs].map((p) => p.type)));
    for (const t of used) expect(ALL).toContain(t);
  });
});

describe('checkConnection', () => {
  const types: Record<string, string> = {
    prompt: 'promptTemplate', claude: 'anthropicCompletion', gpt: 'openaiCompletion',
    router: 'llmRouter', answer: 'streamResponse', embed: 'embeddingGenerate',
  };
  const typeOf = (id: string) => (types[id] ? spec(types[id]) : undefined);
  const edge = (source: string, sourcePort: string, target: string, targetPort: string, id = 'x'): WorkflowEdge =>
    ({ id, source, sourcePort, target, targetPort });

  it('allows messages into a completion node', () => {
    const v = checkConnection(edge('prompt', 'messages', 'claude', 'messages'), typeOf, []);
    expect(v.ok).toBe(true);
  });

  it('refuses Text into Messages and points at the port that fits', () => {
    const v = checkConnection(edge('prompt', 'text', 'claude', 'messages'), typeOf, []);
    expect(v).toMatchObject({ ok: false });
    if (v.ok) return;
    expect(v.reason).toContain('Text does not fit Messages');
    expect(v.hint).toBe('Connect it to Claude (Anthropic).prompt instead.');
  });

  it('says when the target takes no input of that type', () => {
    const v = checkConnection(edge('embed', 'embeddings', 'claude', 'messages'), typeOf, []);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.hint).toBe('Claude (Anthropic) takes no Embeddings input.');
  });

  it('lets an Object input take usage (a JSON object) but not text', () => {
    expect(checkConnection(edge('claude', 'usage', 'prompt', 'variables'), typeOf, []).ok).toBe(true);
    expect(checkConnection(edge('claude', 'text', 'prompt', 'variables'), typeOf, []).ok).toBe(false);
  });

  it('refuses a second edge into a single-edge input, but not into a many input', () => {
    const taken = [edge('prompt', 'messages', 'claude', 'messages')];
    const second = checkConnection(edge('prompt', 'messages', 'gpt', 'messages'), typeOf, taken);
    expect(second.ok).toBe(true);
    const again = checkConnection(edge('router', 'text', 'answer', 'text'), typeOf, [edge('claude', 'text', 'answer', 'text')]);
    expect(again).toMatchObject({ ok: false });
    const models = [edge('claude', 'model', 'router', 'models')];
    expect(checkConnection(edge('gpt', 'model', 'router', 'models'), typeOf, models).ok).toBe(true);
  });

  it('refuses the same connection twice, a self loop, and a cycle', () => {
    const e = edge('prompt', 'messages', 'claude', 'messages');
    expect(checkConnection(e, typeOf, [e])).toMatchObject({ ok: false, reason: 'These ports are already connected.' });
    expect(checkConnection(edge('claude', 'usage', 'claude', 'messages'), typeOf, [])).toMatchObject({ ok: false });
    const loop = checkConnection(edge('claude', 'usage', 'prompt', 'variables'), typeOf, [e]);
    expect(loop).toMatchObject({ ok: false });
    if (!loop.ok) expect(loop.reason).toContain('loop');
  });

  it('refuses unknown ports and nodes', () => {
    expect(checkConnection(edge('prompt', 'nope', 'claude', 'messages'), typeOf, [])).toMatchObject({ ok: false });
    expect(checkConnection(edge('prompt', 'messages', 'claude', 'nope'), typeOf, [])).toMatchObject({ ok: false });
    expect(checkConnection(edge('ghost', 'messages', 'claude', 'messages'), typeOf, [])).toMatchObject({ ok: false });
  });
});
