// The side panel of the selected node: a form generated from its type's JSON Schema, its
// validation messages and a live preview of its prompt.
import { useMemo } from 'react';
import { upstream } from '../graph/cycles';
import { fieldsFor } from '../schema/form';
import { useStore } from '../store/useStore';
import { canvasStore } from '../store/useStore';
import { templateCompletions } from '../template/template';
import { issuesAt } from '../validation/issues';
import { shortIssue } from '../validation/issueText';
import { FieldView, type FieldContext } from '../fields/FieldView';
import { PromptPreview } from './PromptPreview';

export function ConfigPanel({ nodeId }: { nodeId: string }) {
  const node = useStore((s) => s.nodes.find((n) => n.id === nodeId));
  const spec = useStore((s) => (node ? s.registry[node.data.nodeType] : undefined));
  const models = useStore((s) => s.models);
  const secrets = useStore((s) => s.secrets);
  const nodeIssues = useStore((s) => s.issueMap.nodes[nodeId]);
  const edges = useStore((s) => s.edges);
  const inputs = useStore((s) => s.meta.inputs);
  const registry = useStore((s) => s.registry);
  const nodes = useStore((s) => s.nodes);

  const fields = useMemo(() => (spec ? fieldsFor(spec) : []), [spec]);
  const completions = useMemo(() => {
    const links = edges.map((e) => ({ source: e.source, target: e.target }));
    const ups = [...upstream(links, nodeId)].map((id) => {
      const n = nodes.find((x) => x.id === id);
      return { id, outputs: n ? (registry[n.data.nodeType]?.outputs.map((p) => p.name) ?? []) : [] };
    });
    return templateCompletions(Object.keys(inputs), ups);
  }, [edges, nodes, registry, inputs, nodeId]);

  if (!node) return null;
  if (!spec) return <section className="panel"><h2>{nodeId}</h2><p className="field-error">Unknown node type {node.data.nodeType}.</p></section>;

  const config = node.data.config;
  const provider = spec.type === 'embeddingGenerate' ? (typeof config.provider === 'string' ? config.provider : 'openai') : spec.provider;
  const ctx: FieldContext = {
    idPrefix: `cfg-${nodeId}`,
    models,
    secrets,
    completions,
    provider,
    modelKind: spec.type === 'embeddingGenerate' ? 'embedding' : spec.provider ? 'chat' : 'any',
    credentials: spec.type === 'embeddingGenerate' && provider ? [provider] : spec.credentials,
    issuesAt: (path) => issuesAt(nodeIssues, path),
    addInput: (name) => {
      const meta = canvasStore.getState().meta;
      if (!(name in meta.inputs)) canvasStore.getState().setMeta({ inputs: { ...meta.inputs, [name]: { type: 'string' } } });
    },
  };
  const { updateConfig, updateLabel } = canvasStore.getState();

  return (
    <section className="panel config-panel" aria-labelledby={`cfg-title-${nodeId}`}>
      <h2 id={`cfg-title-${nodeId}`}>{spec.label} <code>{nodeId}</code></h2>
      <p className="panel-help">{spec.description}</p>
      {nodeIssues && nodeIssues.general.length > 0 && (
        <ul className="node-general-issues" data-testid="node-general-issues">
          {nodeIssues.general.map((i, n) => <li key={n} className={i.severity ?? 'error'}>{shortIssue(i)}</li>)}
        </ul>
      )}
      <div className="field">
        <label htmlFor={`cfg-${nodeId}-label`}>Label</label>
        <input id={`cfg-${nodeId}-label`} value={node.data.label ?? ''} placeholder={nodeId} onChange={(e) => updateLabel(nodeId, e.target.value)} />
      </div>
      <form className="config-form" onSubmit={(e) => e.preventDefault()} aria-label={`${spec.label} settings`}>
        {fields.map((f) => (
          <FieldView key={f.key} field={f} path={f.key} value={config[f.key]} ctx={ctx}
            onChange={(v) => updateConfig(nodeId, f.key, v)} />
        ))}
      </form>
      <PromptPreview nodeId={nodeId} />
    </section>
  );
}
