// @vitest-environment node
// The skip rule's shared cases (ADR 23): core/src/test/resources/shared-cases/skip-analysis.json is
// also read by core's SkipAnalysisCasesTest against the server's SkipAnalysis, so the canvas's
// "skipped" (src/graph/skipped.ts) and the server's answer agree on every case.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NodeTypeSpec, PortSpec } from '../src/api/types';
import { skippedNodes, type GraphEdge, type GraphNode } from '../src/graph/skipped';
import { registry } from './fixtures';

interface SharedKind { type: string; provider: string | null; inputs: PortSpec[]; outputs: PortSpec[]; requiredInputs: string[][] }
interface SharedCase { name: string; nodes: [string, string, boolean?][]; edges: [string, string, string, string][]; skipped: string[] }
const file = JSON.parse(readFileSync(join(__dirname, '..', '..', 'core', 'src', 'test', 'resources', 'shared-cases', 'skip-analysis.json'), 'utf8')) as
  { kinds: SharedKind[]; cases: SharedCase[] };

// the cases' kinds as the registry the canvas reads (the fields skippedNodes looks at)
const kinds: Record<string, NodeTypeSpec> = Object.fromEntries(file.kinds.map((k) => [k.type, {
  ...k, category: '', label: k.type, description: '', streaming: false, credentials: [], expressions: {}, config: {}, defaults: {},
} satisfies NodeTypeSpec]));

const shape = (ports: PortSpec[]) => ports.map((p) => `${p.name}:${p.type}${p.required ? ':required' : ''}${p.many ? ':many' : ''}`);

describe('the skip rule agrees with the server on the shared cases', () => {
  it('has cases to agree on', () => expect(file.cases.length).toBeGreaterThanOrEqual(10));

  it.each(file.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const nodes: GraphNode[] = c.nodes.map(([id, type, disabled]) => ({ id, type, disabled: disabled === true }));
    const edges: GraphEdge[] = c.edges.map(([source, sourcePort, target, targetPort]) => ({ source, sourcePort, target, targetPort }));
    const skipped = skippedNodes(nodes, edges, kinds);
    expect(nodes.map((n) => n.id).filter((id) => skipped.has(id))).toEqual(c.skipped);
    expect(skipped.size).toBe(c.skipped.length);
  });

  it('the cases\' kinds are the real ones (the committed registry, which the contract test holds to the server)', () => {
    const real = Object.fromEntries(registry.map((t) => [t.type, t]));
    for (const k of file.kinds) {
      const r = real[k.type];
      expect(r, k.type).toBeDefined();
      expect({ provider: r.provider, inputs: shape(r.inputs), outputs: shape(r.outputs), requiredInputs: r.requiredInputs })
        .toEqual({ provider: k.provider, inputs: shape(k.inputs), outputs: shape(k.outputs), requiredInputs: k.requiredInputs });
    }
  });
});
