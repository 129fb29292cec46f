// Templates are text with {{ <CEL> }} holes. The canvas only previews them: simple paths are filled
// from sample values; anything else is shown as a placeholder (the server renders for real).

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'hole'; expr: string; raw: string };

const HOLE = /\{\{([\s\S]*?)\}\}/g;

export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of template.matchAll(HOLE)) {
    if (m.index > last) parts.push({ kind: 'text', text: template.slice(last, m.index) });
    parts.push({ kind: 'hole', expr: m[1].trim(), raw: m[0] });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push({ kind: 'text', text: template.slice(last) });
  return parts;
}

export interface PreviewScope {
  /** Workflow input values (bare names and inputs.x). */
  inputs: Record<string, unknown>;
  /** Outputs of upstream nodes, when known (after a run). */
  nodes?: Record<string, { output?: unknown }>;
}

export interface PreviewResult {
  text: string;
  /** Holes that could not be filled from the sample values. */
  unresolved: string[];
}

const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export function renderPreview(template: string, scope: PreviewScope): PreviewResult {
  const unresolved: string[] = [];
  const text = parseTemplate(template).map((p) => {
    if (p.kind === 'text') return p.text;
    const value = lookup(p.expr, scope);
    if (value === undefined) {
      unresolved.push(p.expr);
      return `‹${p.expr}›`;
    }
    return typeof value === 'string' ? value : JSON.stringify(value);
  }).join('');
  return { text, unresolved };
}

function lookup(expr: string, scope: PreviewScope): unknown {
  if (!PATH.test(expr)) return undefined;
  const [head, ...rest] = expr.split('.');
  let value: unknown;
  if (head === 'inputs') value = scope.inputs;
  else if (head === 'nodes') value = scope.nodes;
  else value = scope.inputs[head];
  for (const k of rest) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[k];
  }
  return value === null ? undefined : value;
}

export interface Completion { label: string; detail: string }

/** Names a template may use: workflow inputs (bare and inputs.x) and outputs of upstream nodes. */
export function templateCompletions(inputs: string[], upstream: { id: string; outputs: string[] }[]): Completion[] {
  const list: Completion[] = [];
  for (const name of inputs) {
    list.push({ label: name, detail: 'workflow input' });
    list.push({ label: `inputs.${name}`, detail: 'workflow input' });
  }
  for (const node of upstream) {
    for (const out of node.outputs) list.push({ label: `nodes.${node.id}.output.${out}`, detail: `output of ${node.id}` });
  }
  return list;
}
