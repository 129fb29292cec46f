// Shown when no node is selected: the workflow's id, name, inputs and outputs.
import { shortIssue } from '../validation/issueText';
import { useState } from 'react';
import type { InputSpec } from '../api/types';
import { canvasStore, useStore } from '../store/useStore';
import { WorkflowIdField } from './WorkflowIdField';
import { WorkflowVersions } from './WorkflowVersions';
import { CallSnippet } from './CallSnippet';

const TYPES: InputSpec['type'][] = ['string', 'number', 'integer', 'boolean', 'object', 'array'];

export function WorkflowPanel() {
  const meta = useStore((s) => s.meta);
  const workflowIssues = useStore((s) => s.issueMap.workflow);
  const { setMeta } = canvasStore.getState();
  const [newInput, setNewInput] = useState('');
  const [newOutput, setNewOutput] = useState('');
  const setInput = (name: string, spec: InputSpec | undefined) => {
    const inputs = { ...meta.inputs };
    if (spec) inputs[name] = spec; else delete inputs[name];
    setMeta({ inputs }, `input:${name}`);
  };
  const setOutput = (name: string, expr: string | undefined) => {
    const outputs = { ...meta.outputs };
    if (expr !== undefined) outputs[name] = expr; else delete outputs[name];
    setMeta({ outputs }, `output:${name}`);
  };
  return (
    <section className="panel workflow-panel" aria-labelledby="wf-title">
      <h2 id="wf-title">Workflow</h2>
      <WorkflowIdField />
      <div className="field"><label htmlFor="wf-name">Name</label>
        <input id="wf-name" value={meta.name ?? ''} onChange={(e) => setMeta({ name: e.target.value || undefined }, 'name')} /></div>
      <div className="field"><label htmlFor="wf-desc">Description</label>
        <textarea id="wf-desc" rows={2} value={meta.description ?? ''} onChange={(e) => setMeta({ description: e.target.value || undefined }, 'description')} /></div>
      {workflowIssues.length > 0 && (
        <ul className="field-issues" data-testid="workflow-issues">{workflowIssues.map((i, n) => <li key={n} className={i.severity ?? 'error'}>{shortIssue(i)}</li>)}</ul>
      )}
      <fieldset className="field-list">
        <legend>Inputs</legend>
        {Object.entries(meta.inputs).map(([name, spec]) => (
          <div key={name} className="list-item input-row" role="group" aria-label={`input ${name}`}>
            <code>{name}</code>
            <label className="sr-only" htmlFor={`wf-in-${name}-type`}>Type of {name}</label>
            <select id={`wf-in-${name}-type`} value={spec.type} onChange={(e) => setInput(name, { ...spec, type: e.target.value as InputSpec['type'] })}>
              {TYPES.map((t) => <option key={t}>{t}</option>)}
            </select>
            <label className="sr-only" htmlFor={`wf-in-${name}-default`}>Default of {name}</label>
            <input id={`wf-in-${name}-default`} placeholder="default" value={spec.default === undefined ? '' : typeof spec.default === 'string' ? spec.default : JSON.stringify(spec.default)}
              onChange={(e) => setInput(name, { ...spec, default: e.target.value === '' ? undefined : spec.type === 'string' ? e.target.value : safeJson(e.target.value) })} />
            <button type="button" onClick={() => setInput(name, undefined)} aria-label={`Remove input ${name}`}>×</button>
          </div>
        ))}
        <form className="add-row" onSubmit={(e) => { e.preventDefault(); const n = newInput.trim(); if (/^[A-Za-z_]\w*$/.test(n) && !meta.inputs[n]) { setInput(n, { type: 'string' }); setNewInput(''); } }}>
          <label className="sr-only" htmlFor="wf-new-input">New input name</label>
          <input id="wf-new-input" placeholder="new input name" value={newInput} onChange={(e) => setNewInput(e.target.value)} />
          <button type="submit">Add input</button>
        </form>
      </fieldset>
      <fieldset className="field-list">
        <legend>Outputs</legend>
        {Object.entries(meta.outputs).map(([name, expr]) => (
          <div key={name} className="list-item input-row output-row" role="group" aria-label={`output ${name}`}>
            <label htmlFor={`wf-out-${name}`}><code>{name}</code></label>
            <input id={`wf-out-${name}`} value={expr} onChange={(e) => setOutput(name, e.target.value)} />
            <button type="button" onClick={() => setOutput(name, undefined)} aria-label={`Remove output ${name}`}>×</button>
          </div>
        ))}
        <form className="add-row" onSubmit={(e) => { e.preventDefault(); const n = newOutput.trim(); if (/^[A-Za-z_]\w*$/.test(n) && meta.outputs[n] === undefined) { setOutput(n, ''); setNewOutput(''); } }}>
          <label className="sr-only" htmlFor="wf-new-output">New output name</label>
          <input id="wf-new-output" placeholder="new output name" value={newOutput} onChange={(e) => setNewOutput(e.target.value)} />
          <button type="submit">Add output</button>
        </form>
      </fieldset>
      <WorkflowVersions />
      <CallSnippet />
    </section>
  );
}

function safeJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return text; }
}
