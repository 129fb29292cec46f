// The frame every node kind shares: title, typed handles, validation badge, run status, the
// streaming output pane and the run metrics. Each kind passes its own summary as children.
import { Handle, Position } from '@xyflow/react';
import { Plus } from 'lucide-react';
import { memo, useState, type ReactNode } from 'react';
import type { PortSpec } from '../api/types';
import { useStore } from '../store/useStore';
import { formatCost, formatMs } from '../components/format';
import { shortIssue } from '../validation/issueText';
import { useCanvasMenus } from '../components/canvasMenus';
import { KindIcon } from './icons';
import { skippedOnCanvas } from '../graph/skippedOnCanvas';

interface Props {
  id: string;
  nodeType: string;
  label?: string;
  selected?: boolean;
  accent: string;
  children?: ReactNode;
  /** Shows the streamed text pane (streaming nodes). */
  output?: boolean;
}

export const NodeCard = memo(function NodeCard({ id, nodeType, label, selected, accent, children, output = true }: Props) {
  const spec = useStore((s) => s.registry[nodeType]);
  const run = useStore((s) => s.run?.nodes[id]);
  const issues = useStore((s) => s.issueMap.nodes[id]);
  const errors = issues?.errorCount ?? 0;
  // a node whose only errors are what it still lacks (config, a connection) needs setup: not a failure
  const needsSetup = errors > 0 && issues !== undefined
    && [...issues.general, ...Object.values(issues.fields).flat()].every((i) => i.severity === 'warning' || SETUP_CODES.has(i.code));
  // ADR 23: a disabled node does not run; after a run, every node that did not run for that reason reads "skipped"
  const disabled = useStore((s) => s.nodes.find((n) => n.id === id)?.data.disabled === true);
  const skipped = useStore((s) => s.run !== null && !s.run.nodes[id] && skippedOnCanvas(s).has(id));
  const status = run?.status ?? (skipped ? 'skipped' : needsSetup && !disabled ? 'needs-setup' : 'idle');
  const warnings = issues?.warningCount ?? 0;
  const firstIssue = issues ? [...issues.general, ...Object.values(issues.fields).flat()][0] : undefined;
  // Only the ports in use (and each side's first) show; the rest fold into "+N ports". (Unfolding
  // them all while an edge is drawn was tried: the cards then change size under the pointer, and
  // React Flow's stored handle positions lag behind on a busy machine, so drops were missed.)
  const connectedIn = useStore((s) => s.edges.filter((e) => e.target === id).map((e) => e.targetHandle).join('\n'));
  const connectedOut = useStore((s) => s.edges.filter((e) => e.source === id).map((e) => e.sourceHandle).join('\n'));
  const [expanded, setExpanded] = useState(false);
  const editable = useStore((s) => s.viewing === null);
  const all = expanded;
  const inputs = shownPorts(spec?.inputs ?? [], connectedIn, all);
  const outputs = shownPorts(spec?.outputs ?? [], connectedOut, all);
  const folded = (spec ? spec.inputs.length + spec.outputs.length : 0) - inputs.length - outputs.length;
  return (
    <div className={`node-card status-${status}${selected ? ' selected' : ''}${errors && !needsSetup ? ' has-errors' : ''}${disabled ? ' is-disabled' : ''}`}
      style={{ ['--accent' as string]: accent }} data-testid={`node-${id}`} aria-label={`${spec?.label ?? nodeType} ${id}`}>
      <header className="node-head">
        <KindIcon spec={spec} type={nodeType} />
        <span className="node-title">{label || id}</span>
        <span className="node-kind">{spec?.label ?? nodeType}</span>
        {disabled && <span className="node-disabled-badge" data-testid={`disabled-${id}`} title="disabled: this node does not run (Enable it from its menu, or press D)">disabled</span>}
        <span className={`node-status`} data-status={status} title={STATUS_TITLES[status] ?? `status: ${status}`}>{status === 'idle' ? '' : status.replace('-', ' ')}</span>
      </header>
      <div className="node-body">{children}</div>
      <div className="node-ports">
        <div className="ports-in">{inputs.map((p) => <PortHandle key={p.name} port={p} kind="target" />)}</div>
        <div className="ports-out">{outputs.map((p) => <PortHandle key={p.name} port={p} kind="source" nodeId={id}
          canAdd={editable && !connectedOut.split('\n').includes(p.name)} />)}</div>
      </div>
      {/* Right under the ports and above the summary, so the summary arriving (or going) never
          moves this button under a pointer about to click it. */}
      {(folded > 0 || expanded) && (
        <button type="button" className="ports-more nodrag" onClick={() => setExpanded(!expanded)} aria-expanded={expanded}
          data-testid={`ports-more-${id}`}>{expanded ? 'fewer ports' : `+${folded} port${folded === 1 ? '' : 's'}`}</button>
      )}
      {/* Below the ports, one line: the summary arrives a moment after a node is dropped, and it
          must not push the ports down under a pointer that is drawing an edge to them. */}
      {errors + warnings > 0 && (
        <div className={needsSetup ? 'node-issues setup' : errors ? 'node-issues error' : 'node-issues warning'} role="status" title={firstIssue ? shortIssue(firstIssue) : undefined}>
          {needsSetup ? 'To do' : errors > 0 ? `${errors} error${errors > 1 ? 's' : ''}` : `${warnings} warning${warnings > 1 ? 's' : ''}`}
          {firstIssue ? `: ${shortIssue(firstIssue)}` : ''}
        </div>
      )}
      {/* The run's area has a fixed size, so a streamed answer scrolls inside it and never pushes the
          card over the ones below it (Tidy up lays cards out by their size before a run). */}
      <div className={`node-run${output ? ' with-output' : ''}`}>
        {output && (
          <div className="node-output-box nowheel">
            {run && run.decisions.length > 0 && (
              <ul className="node-decisions" aria-label="router decisions">
                {run.decisions.map((d, i) => <li key={i}>→ <b>{d.chosen}</b>{d.attempt && d.attempt > 1 ? ` (attempt ${d.attempt})` : ''}{d.reason ? `: ${d.reason}` : ''}</li>)}
              </ul>
            )}
            {run && (run.text || status === 'running')
              ? <pre className="node-output" data-testid={`output-${id}`} aria-live="polite">{run.text}{status === 'running' ? <span className="caret" /> : null}</pre>
              : !run?.error && <p className="node-output-empty">{skipped ? skippedText(disabled) : run ? '' : disabled ? 'Disabled: this node does not run.' : 'Output appears here when the workflow runs.'}</p>}
            {run?.error && status !== 'cancelled' && <div className="node-error" role="alert">{run.error.code}: {run.error.message}</div>}
          </div>
        )}
        {!output && skipped && <p className="node-output-empty">{skippedText(disabled)}</p>}
        {!output && run?.error && status !== 'cancelled' && <div className="node-error" role="alert" title={`${run.error.code}: ${run.error.message}`}>{run.error.code}: {run.error.message}</div>}
        {run && (run.latencyMs !== undefined || run.usage) && (
          <dl className="node-metrics">
            {run.ttftMs != null && <><dt>ttft</dt><dd>{formatMs(run.ttftMs)}</dd></>}
            {run.latencyMs !== undefined && <><dt>latency</dt><dd>{formatMs(run.latencyMs)}</dd></>}
            {run.usage && <><dt>tokens</dt><dd>{run.usage.inputTokens ?? 0}→{run.usage.outputTokens ?? 0}</dd></>}
            {run.costUsd !== undefined && <><dt>cost</dt><dd>{formatCost(run.costUsd)}</dd></>}
          </dl>
        )}
      </div>
    </div>
  );
});

const skippedText = (disabled: boolean) =>
  disabled ? 'Skipped: this node is disabled.' : 'Skipped: its input comes only from disabled nodes.';

const SETUP_CODES: ReadonlySet<string> = new Set(['missing_config', 'missing_input']);

const STATUS_TITLES: Record<string, string> = {
  'needs-setup': 'needs setup: fill in its settings or connect it',
  cancelled: 'cancelled: the run was cancelled before this node finished',
  interrupted: 'interrupted: the server stopped before this node finished',
  failed: 'failed: this node reported an error',
  skipped: 'skipped: this node did not run (it is disabled, or only disabled nodes feed an input it needs)',
};

/** The ports a card shows: in use or its side's first, or all of them. */
export function shownPorts(ports: readonly PortSpec[], connected: string, all: boolean): PortSpec[] {
  if (all) return [...ports];
  const used = new Set(connected.split('\n'));
  return ports.filter((p, i) => i === 0 || used.has(p.name));
}

function PortHandle({ port, kind, nodeId, canAdd = false }: { port: PortSpec; kind: 'source' | 'target'; nodeId?: string; canAdd?: boolean }) {
  const menus = useCanvasMenus();
  const title = `${port.name}: ${port.type}${port.many ? ' (many)' : ''}${port.description ? ` — ${port.description}` : ''}`;
  return (
    <div className={`port port-${kind}`} title={title}>
      <Handle type={kind} position={kind === 'target' ? Position.Left : Position.Right} id={port.name}
        className={`handle type-${port.type}`} role="img" aria-label={`${kind === 'target' ? 'input' : 'output'} ${port.name} (${port.type})`}
        data-port={port.name} />
      <span className="port-name">{port.name}{port.many ? '*' : ''}</span>
      <span className="port-type">{port.type}</span>
      {canAdd && menus && nodeId && (
        // "+": the node picker for what can follow this output (the same as dropping an edge on empty canvas)
        <button type="button" className="port-add nodrag nopan" aria-label={`Add a node after ${nodeId}.${port.name}`}
          title={`Add a node after ${port.name}`} onClick={(e) => menus.pickFrom({ nodeId, port: port.name }, e.currentTarget)}>
          <Plus size={10} aria-hidden="true" focusable="false" />
        </button>
      )}
    </div>
  );
}
