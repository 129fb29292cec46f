/// <reference types="vite/client" />
// The example workflows (examples/*.json at the repository root), bundled into the canvas so the
// empty state can offer them; `./catalyst test` validates every one of them.
import type { WorkflowJson } from './api/types';
import { newWorkflowId } from './store/store';

const files = import.meta.glob<WorkflowJson>('../../examples/*.json', { eager: true, import: 'default' });

export const EXAMPLES: readonly WorkflowJson[] = Object.entries(files)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([, wf]) => wf);

/** A copy of an example to edit: its own id, so opening it twice never shares one stored workflow. */
export function copyOfExample(example: WorkflowJson, random?: () => string): WorkflowJson {
  const copy = structuredClone(example);
  copy.id = `${example.id}-${newWorkflowId(random).slice('workflow-'.length, 'workflow-'.length + 6)}`;
  return copy;
}
