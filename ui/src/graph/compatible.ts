// Which node kinds fit a port: what the node picker offers when an edge from an output is dropped on
// empty canvas (or its "+" is pressed), kinds with an input that takes the output's type; and when
// an edge from an input is dropped there, kinds with an output the input takes.
import type { NodeTypeSpec, PortTypeName } from '../api/types';
import { accepts } from './ports';

export interface PickerChoice {
  spec: NodeTypeSpec;
  /** The port the new node is connected by (an input after an output, an output before an input); absent when nothing is to be connected. */
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

/** Kinds with an output that an input of `type` accepts (the first such output of each), in registry order. */
export function producingKinds(registry: readonly NodeTypeSpec[], type: PortTypeName): PickerChoice[] {
  const out: PickerChoice[] = [];
  for (const spec of registry) {
    const port = spec.outputs.find((p) => accepts(type, p.type));
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
