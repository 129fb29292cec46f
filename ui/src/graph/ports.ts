// Port compatibility, mirroring core's PortType.accepts and EdgeCheck: the same type always fits;
// an Object input also takes a Message, Usage or Decision; an input takes one edge unless `many`.
import type { NodeTypeSpec, PortSpec, PortTypeName, WorkflowEdge } from '../api/types';
import { wouldCreateCycle } from './cycles';

const OBJECT_LIKE: ReadonlySet<PortTypeName> = new Set(['Message', 'Usage', 'Decision']);

export function accepts(target: PortTypeName, source: PortTypeName): boolean {
  if (target === source) return true;
  return target === 'Object' && OBJECT_LIKE.has(source);
}

export interface ProposedConnection {
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
}

export type ConnectionVerdict =
  | { ok: true; sourcePort: PortSpec; targetPort: PortSpec }
  | { ok: false; reason: string; hint?: string };

/** Looks up a node's type spec by node id. */
export type TypeOf = (nodeId: string) => NodeTypeSpec | undefined;

/** Whether a new edge may be drawn; a refusal says why and, where one exists, which port would fit. */
export function checkConnection(c: ProposedConnection, typeOf: TypeOf, edges: readonly WorkflowEdge[]): ConnectionVerdict {
  if (c.source === c.target) return { ok: false, reason: 'A node cannot feed itself.' };
  const sourceType = typeOf(c.source);
  const targetType = typeOf(c.target);
  if (!sourceType || !targetType) return { ok: false, reason: 'Unknown node type.' };
  const out = sourceType.outputs.find((p) => p.name === c.sourcePort);
  const inp = targetType.inputs.find((p) => p.name === c.targetPort);
  if (!out) return { ok: false, reason: `${sourceType.label} has no output '${c.sourcePort}'.` };
  if (!inp) return { ok: false, reason: `${targetType.label} has no input '${c.targetPort}'.` };
  if (!accepts(inp.type, out.type)) {
    return {
      ok: false,
      reason: `${out.type} does not fit ${inp.type}: ${sourceType.label}.${out.name} → ${targetType.label}.${inp.name}.`,
      hint: fitHint(out.type, targetType),
    };
  }
  const duplicate = edges.some((e) => e.source === c.source && e.sourcePort === c.sourcePort
    && e.target === c.target && e.targetPort === c.targetPort);
  if (duplicate) return { ok: false, reason: 'These ports are already connected.' };
  if (!inp.many && edges.some((e) => e.target === c.target && e.targetPort === c.targetPort)) {
    return {
      ok: false,
      reason: `Input '${inp.name}' of ${c.target} takes one edge and is already connected.`,
      hint: 'Delete the existing edge first.',
    };
  }
  if (wouldCreateCycle(edges, c.source, c.target)) {
    return { ok: false, reason: `Connecting ${c.source} → ${c.target} would make a loop; a workflow must not loop.` };
  }
  return { ok: true, sourcePort: out, targetPort: inp };
}

// Point at a port of the target that takes this type, as core's EdgeCheck does.
function fitHint(sourceType: PortTypeName, target: NodeTypeSpec): string {
  const fitting = target.inputs.filter((p) => accepts(p.type, sourceType)).map((p) => p.name);
  if (fitting.length > 0) return `Connect it to ${target.label}.${fitting.join(' or ')} instead.`;
  return `${target.label} takes no ${sourceType} input.`;
}
