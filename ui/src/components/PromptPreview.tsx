// A live preview of a node's templates, filled from the sample input values in the run panel
// (or the inputs' defaults) and, after a run, from upstream node outputs.
import { useMemo } from 'react';
import { fieldsFor } from '../schema/form';
import { useStore } from '../store/useStore';
import { renderPreview, type PreviewScope } from '../template/template';
import { sampleValues } from './sampleValues';

export function PromptPreview({ nodeId }: { nodeId: string }) {
  const node = useStore((s) => s.nodes.find((n) => n.id === nodeId));
  const spec = useStore((s) => (node ? s.registry[node.data.nodeType] : undefined));
  const inputs = useStore((s) => s.meta.inputs);
  const samples = useStore((s) => s.sampleInputs);
  const runNodes = useStore((s) => s.run?.nodes);

  const rendered = useMemo(() => {
    if (!node || !spec) return [];
    const scope: PreviewScope = {
      inputs: sampleValues(inputs, samples),
      nodes: Object.fromEntries(Object.entries(runNodes ?? {}).map(([id, n]) => [id, { output: n.output }])),
    };
    const config = node.data.config;
    const out: { label: string; text: string; unresolved: string[] }[] = [];
    for (const f of fieldsFor(spec)) {
      if (f.kind === 'template' && typeof config[f.key] === 'string') {
        out.push({ label: f.label, ...renderPreview(config[f.key] as string, scope) });
      }
      if (f.kind === 'list' && Array.isArray(config[f.key])) {
        const content = f.fields?.find((x) => x.kind === 'template');
        if (!content) continue;
        (config[f.key] as Record<string, unknown>[]).forEach((item, i) => {
          if (typeof item?.[content.key] !== 'string') return;
          const role = typeof item.role === 'string' ? item.role : `${f.label} ${i + 1}`;
          out.push({ label: role, ...renderPreview(item[content.key] as string, scope) });
        });
      }
    }
    return out;
  }, [node, spec, inputs, samples, runNodes]);

  if (rendered.length === 0) return null;
  return (
    <section className="prompt-preview" aria-label="Prompt preview">
      <h3>Preview</h3>
      {rendered.map((r, i) => (
        <div key={i} className="preview-message">
          <span className="preview-role">{r.label}</span>
          <pre data-testid="preview-text">{r.text}</pre>
          {r.unresolved.length > 0 && <p className="field-note">Filled at run time: {r.unresolved.join(', ')}</p>}
        </div>
      ))}
    </section>
  );
}
