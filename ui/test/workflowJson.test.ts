import { describe, expect, it } from 'vitest';
import { exportWorkflow, fromWorkflow, ImportError, newNodeId, toWorkflow } from '../src/graph/workflow';
import { looksLikeSecret, stripSecrets } from '../src/graph/secrets';
import { localChecks } from '../src/validation/localChecks';
import { hello, registryMap } from './fixtures';
import type { WorkflowJson } from '../src/api/types';

describe('workflow JSON', () => {
  it('round-trips the hello example', () => {
    const { meta, nodes, edges } = fromWorkflow(hello);
    expect(toWorkflow(meta, nodes, edges)).toEqual(hello);
  });

  it('rejects bad imports with the path at fault', () => {
    expect(() => fromWorkflow([])).toThrow(ImportError);
    expect(() => fromWorkflow({ schemaVersion: 2, nodes: [] })).toThrow('unsupported schemaVersion 2 (expected 1)');
    expect(() => fromWorkflow({ schemaVersion: 1 })).toThrow('nodes must be a list');
    expect(() => fromWorkflow({ schemaVersion: 1, nodes: [{ id: 1 }] })).toThrow('nodes[0] needs a string id and type');
    expect(() => fromWorkflow({ schemaVersion: 1, nodes: [{ id: 'a', type: 't', config: [] }] })).toThrow('nodes[0].config must be an object');
    expect(() => fromWorkflow({ schemaVersion: 1, nodes: [], edges: [{ source: 'a' }] })).toThrow('edges[0] needs source, sourcePort, target and targetPort');
    expect(() => fromWorkflow({ schemaVersion: 1, nodes: [], edges: {} })).toThrow('edges must be a list');
  });

  it('fills in what an import leaves out', () => {
    const { meta, nodes, edges } = fromWorkflow({ schemaVersion: 1, nodes: [{ id: 'a', type: 'promptTemplate' }],
      edges: [{ source: 'a', sourcePort: 'text', target: 'b', targetPort: 'text' }] });
    expect(meta).toEqual({ id: 'untitled', name: undefined, description: undefined, inputs: {}, outputs: {}, ui: undefined });
    expect(nodes[0]).toMatchObject({ position: { x: 0, y: 0 }, data: { config: {} } });
    expect(edges[0].id).toBe('e1');
  });

  it('exports credential names but never a key', () => {
    const wf: WorkflowJson = structuredClone(hello);
    wf.nodes[1].config.credential = 'sk-ant-api03-' + 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
    (wf.nodes[1].config as Record<string, unknown>).apiKey = 'whatever';
    const { text, removed } = exportWorkflow(wf);
    expect(removed).toEqual(['nodes[1].config.credential', 'nodes[1].config.apiKey']);
    expect(text).not.toContain('sk-ant');
    expect(text).not.toContain('whatever');
    expect(exportWorkflow(hello).text).toContain('"credential": "anthropic"');
    expect(JSON.parse(exportWorkflow(hello).text)).toEqual(hello);
  });

  it('tells secret names from keys', () => {
    for (const name of ['anthropic', 'openai-prod', 'team.groq_2']) expect(looksLikeSecret(name)).toBe(false);
    for (const key of ['sk-proj-abc', 'gsk_abc', 'pa-xyz', 'Bearer abc', 'AbCdEfGhIjKlMnOpQrStUvWxYz012345']) expect(looksLikeSecret(key)).toBe(true);
    expect(stripSecrets({ a: [{ token: 't' }] })).toEqual({ value: { a: [{}] }, removed: ['a[0].token'] });
  });

  it('numbers new node ids per type', () => {
    expect(newNodeId('llmRouter', new Set())).toBe('router');
    expect(newNodeId('llmRouter', new Set(['router', 'router2']))).toBe('router3');
    expect(newNodeId('custom', new Set())).toBe('custom');
  });
});

describe('local checks (used while the server validator is unreachable)', () => {
  it('finds nothing wrong with the hello example', () => {
    expect(localChecks(hello, registryMap)).toEqual([]);
  });

  it('reports missing inputs, missing config, out-of-range values, bad edges and cycles all at once', () => {
    const wf: WorkflowJson = {
      schemaVersion: 1, id: 'bad',
      nodes: [
        { id: 'gpt', type: 'openaiCompletion', position: { x: 0, y: 0 }, config: { temperature: 3 } },
        { id: 'p1', type: 'promptTemplate', position: { x: 0, y: 0 }, config: { template: '' } },
        { id: 'p2', type: 'promptTemplate', position: { x: 0, y: 0 }, config: {} },
        { id: 'out', type: 'streamResponse', position: { x: 0, y: 0 }, config: {} },
        { id: 'x', type: 'mystery', position: { x: 0, y: 0 }, config: {} },
      ],
      edges: [
        { id: 'e1', source: 'p1', sourcePort: 'text', target: 'out', targetPort: 'text' },
        { id: 'e2', source: 'p2', sourcePort: 'text', target: 'out', targetPort: 'text' },
        { id: 'e3', source: 'gpt', sourcePort: 'usage', target: 'p1', targetPort: 'variables' },
        { id: 'e4', source: 'p1', sourcePort: 'text', target: 'gpt', targetPort: 'messages' },
        { id: 'e5', source: 'p1', sourcePort: 'messages', target: 'gpt', targetPort: 'nope' },
      ],
    };
    const got = localChecks(wf, registryMap).map((i) => `${i.nodeId ?? ''}|${i.field ?? ''}|${i.code}`);
    expect(got).toEqual([
      'gpt|config.model|missing_config',
      'gpt|config.temperature|invalid_config',
      'gpt|inputs.messages|missing_input',
      'p1|config.template|invalid_config',
      'x|type|unknown_node_type',
      'out|targetPort|too_many_edges',
      'gpt|targetPort|incompatible_ports',
      'gpt|targetPort|unknown_port',
    ]);
    const cycle = localChecks({ ...wf, edges: [
      { id: 'a', source: 'p1', sourcePort: 'messages', target: 'gpt', targetPort: 'messages' },
      { id: 'b', source: 'gpt', sourcePort: 'usage', target: 'p1', targetPort: 'variables' },
    ] }, registryMap).filter((i) => i.code === 'cycle');
    expect(cycle.map((i) => i.nodeId).sort()).toEqual(['gpt', 'p1']);
  });

  it('reports an empty workflow and a required port left open', () => {
    expect(localChecks({ schemaVersion: 1, id: 'e', nodes: [], edges: [] }, registryMap).map((i) => i.code)).toEqual(['empty_workflow']);
    const open = localChecks({ schemaVersion: 1, id: 'o', nodes: [{ id: 'out', type: 'streamResponse', position: { x: 0, y: 0 }, config: {} }], edges: [] }, registryMap);
    expect(open.map((i) => i.field)).toEqual(['inputs.text']);
  });
});
