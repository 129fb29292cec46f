// The empty canvas's start: the example workflows, one click to open a copy, or a hint to drag a
// node from the palette.
import type { WorkflowJson } from '../api/types';
import { copyOfExample, EXAMPLES } from '../examples';
import { canvasStore } from '../store/useStore';

export function Gallery({ examples = EXAMPLES }: { examples?: readonly WorkflowJson[] }) {
  return (
    <section className="gallery" aria-labelledby="gallery-title" data-testid="gallery">
      <h2 id="gallery-title">Start from an example</h2>
      <p className="muted">Or drag a node from the palette onto the canvas.</p>
      <ul>
        {examples.map((ex) => (
          <li key={ex.id}>
            <button type="button" className="gallery-card" data-testid={`example-${ex.id}`} onClick={() => canvasStore.getState().load(copyOfExample(ex))}>
              <b><span className="sr-only">Open example</span> {ex.name ?? ex.id}</b>
              <span className="gallery-desc">{ex.description}</span>
              <span className="muted gallery-types">{ex.nodes.length} node{ex.nodes.length === 1 ? '' : 's'}: {[...new Set(ex.nodes.map((n) => n.type))].join(', ')}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
