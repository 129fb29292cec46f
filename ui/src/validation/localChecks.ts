// The checks the canvas can make on its own while the server's validator is unreachable: port
// types, one edge per input, cycles, required config and required inputs. The server stays the
// authority (catalog, credentials, CEL); its answer replaces these when it comes.
import type { NodeTypeSpec, ValidationIssue, WorkflowJson } from '../api/types';
import { accepts } from '../graph/ports';
import { nodesOnCycles } from '../graph/cycles';
import { resolveRef } from '../schema/form';

export function localChecks(wf: WorkflowJson, registry: ReadonlyMap<string, NodeTypeSpec>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (wf.nodes.length === 0) issues.push({ code: 'empty_workflow', message: 'the workflow has no nodes', severity: 'error' });
  const byId = new Map(wf.nodes.map((n) => [n.id, n]));
  // Only well-formed edges count for inputs and cycles, as in core's checks.
  const edgeIssues: ValidationIssue[] = [];
  const wellFormed: typeof wf.edges = [];
  const perInput = new Map<string, number>();
  for (const e of wf.edges) {
    const s = byId.get(e.source); const t = byId.get(e.target);
    const out = s && registry.get(s.type)?.outputs.find((p) => p.name === e.sourcePort);
    const inp = t && registry.get(t.type)?.inputs.find((p) => p.name === e.targetPort);
    if (!out || !inp) {
      edgeIssues.push({ edgeId: e.id, nodeId: t?.id ?? null, field: 'targetPort', code: 'unknown_port', message: `edge ${e.id} names a port that does not exist`, severity: 'error' });
      continue;
    }
    if (!accepts(inp.type, out.type)) {
      edgeIssues.push({ edgeId: e.id, nodeId: e.target, field: 'targetPort', code: 'incompatible_ports', message: `${out.type} does not fit ${inp.type}`, severity: 'error' });
      continue;
    }
    const key = `${e.target}\u0000${e.targetPort}`;
    const count = (perInput.get(key) ?? 0) + 1;
    perInput.set(key, count);
    if (count > 1 && !inp.many) {
      edgeIssues.push({ edgeId: e.id, nodeId: e.target, field: 'targetPort', code: 'too_many_edges', message: `input '${e.targetPort}' takes one edge`, severity: 'error' });
      continue;
    }
    wellFormed.push(e);
  }
  for (const n of wf.nodes) {
    const type = registry.get(n.type);
    if (!type) {
      issues.push({ nodeId: n.id, field: 'type', code: 'unknown_node_type', message: `unknown node type '${n.type}'`, severity: 'error' });
      continue;
    }
    for (const key of type.config.required ?? []) {
      if (n.config[key] === undefined || n.config[key] === '') {
        issues.push({ nodeId: n.id, field: `config.${key}`, code: 'missing_config', message: `${key} is required`, severity: 'error' });
      }
    }
    for (const [key, raw] of Object.entries(type.config.properties ?? {})) {
      const value = n.config[key];
      const s = resolveRef(raw, type.config);
      if (typeof value === 'number') {
        if (s.minimum !== undefined && value < s.minimum) issues.push(range(n.id, key, `must have a minimum value of ${s.minimum}`));
        if (s.maximum !== undefined && value > s.maximum) issues.push(range(n.id, key, `must have a maximum value of ${s.maximum}`));
      }
      if (typeof value === 'string' && s.minLength !== undefined && value.length < s.minLength) {
        issues.push(range(n.id, key, 'must not be empty'));
      }
    }
    for (const group of type.requiredInputs ?? []) {
      if (!wellFormed.some((e) => e.target === n.id && group.includes(e.targetPort))) {
        const feedsRouterOnly = wellFormed.some((e) => e.source === n.id && e.sourcePort === 'model');
        if (!feedsRouterOnly) {
          issues.push({ nodeId: n.id, field: `inputs.${group[0]}`, code: 'missing_input', message: `connect ${group.join(' or ')}`, severity: 'error' });
        }
      }
    }
    for (const port of type.inputs.filter((p) => p.required)) {
      if (!wellFormed.some((e) => e.target === n.id && e.targetPort === port.name)) {
        issues.push({ nodeId: n.id, field: `inputs.${port.name}`, code: 'missing_input', message: `connect ${port.name}`, severity: 'error' });
      }
    }
  }
  issues.push(...edgeIssues);
  const looped = nodesOnCycles(wellFormed);
  for (const id of looped) {
    issues.push({ nodeId: id, code: 'cycle', message: `nodes ${[...looped].join(' → ')} form a cycle; a workflow must not loop`, severity: 'error' });
  }
  return issues;
}

function range(nodeId: string, key: string, message: string): ValidationIssue {
  return { nodeId, field: `config.${key}`, code: 'invalid_config', message, severity: 'error' };
}
