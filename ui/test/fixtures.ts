// The registry and catalog exactly as `./catalyst nodes --json` and `./catalyst models --json` print them.
import nodesJson from '../src/schema/nodes.generated.json';
import modelsJson from './fixtures/models.json';
import helloJson from './fixtures/hello.json';
import type { ModelInfo, NodeTypeSpec, WorkflowJson } from '../src/api/types';

export const registry = nodesJson as unknown as NodeTypeSpec[];
export const models = modelsJson as unknown as ModelInfo[];
export const hello = helloJson as unknown as WorkflowJson;
export const registryMap = new Map(registry.map((t) => [t.type, t]));
export const spec = (type: string): NodeTypeSpec => {
  const t = registryMap.get(type);
  if (!t) throw new Error(`fixture has no ${type}`);
  return t;
};
