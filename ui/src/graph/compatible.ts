// Which node kinds can take a value of a given port type: what the node picker offers when an edge
// from an output is dropped on empty canvas (or its "+" is pressed).
import type { NodeTypeSpec, PortTypeName } from '../api/types';
import { accepts } from './ports';

export interface PickerChoice {
  spec: NodeTypeSpec;
  /** The input the new node is connected by; absent when nothing is to be connected. */
  port?: string;
}

/** Kinds with an input that accepts `type` (the first such input of each), in registry order. */
export function compatibleKinds(registry: readonly NodeTypeSpec[], type: PortTypeName): PickerChoice[] {
  const out: PickerChoice[] = [];
  for (const spec of registry) {
    const port = spec.inputs.find((p) => accepts(p.type, type));
    if (port) out.push({ spec, port: port.name });
  }
  return out;
}

/** The choices whose label, type, category or provider hold every word of `query`. */
export function filterChoices(choices: readonly PickerChoice[], query: string): PickerChoice[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return choices.filter(({ spec }) => {
    const hay = `${spec.label} ${spec.type} ${spec.category} ${spec.provider ?? ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
