// The frame every node kind shares: title, typed handles, validation badge, run status, the
// streaming output pane and the run metrics. Each kind passes its own summary as children.
import { Handle, Position } from '@xyflow/react';
import { memo, type ReactNode } from 'react';
import type { PortSpec } from '../api/types';
import { useStore } from '../store/useStore';
import { formatCost, formatMs } from '../components/format';

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
  const status = run?.status ?? 'idle';
  const errors = issues?.errorCount ?? 0;
  const warnings = issues?.warningCount ?? 0;
  const firstIssue = issues ? [...issues.general, ...Object.values(issues.fields).flat()][0] : undefined;
  return (
    <div className={`node-card status-${status}${selected ? ' selected' : ''}${errors ? ' has-errors' : ''}`}
      style={{ ['--accent' as string]: accent }} data-testid={`node-${id}`} aria-label={`${spec?.label ?? nodeType} ${id}`}>
      <header className="node-head">
        <span className="node-title">{label || id}</span>
        <span className="node-kind">{spec?.label ?? nodeType}</span>
        <span className={`node-status`} data-status={status} title={`status: ${status}`}>{status === 'idle' ? '' : status}</span>
      </header>
      {errors + warnings > 0 && (
        <div className={errors ? 'node-issues error' : 'node-issues warning'} role="status" title={firstIssue?.message}>
          {errors > 0 ? `${errors} error${errors > 1 ? 's' : ''}` : `${warnings} warning${warnings > 1 ? 's' : ''}`}
          {firstIssue ? `: ${firstIssue.message}` : ''}
        </div>
      )}
      <div className="node-body">{children}</div>
      <div className="node-ports">
        <div className="ports-in">{spec?.inputs.map((p) => <PortHandle key={p.name} port={p} kind="target" />)}</div>
        <div className="ports-out">{spec?.outputs.map((p) => <PortHandle key={p.name} port={p} kind="source" />)}</div>
      </div>
      {run && run.decisions.length > 0 && (
        <ul className="node-decisions" aria-label="router decisions">
          {run.decisions.map((d, i) => <li key={i}>→ <b>{d.chosen}</b>{d.attempt && d.attempt > 1 ? ` (attempt ${d.attempt})` : ''}{d.reason ? `: ${d.reason}` : ''}</li>)}
        </ul>
      )}
      {output && run && (run.text || status === 'running') && (
        <pre className="node-output nowheel" data-testid={`output-${id}`} aria-live="polite">{run.text}{status === 'running' ? <span className="caret" /> : null}</pre>
      )}
      {run?.error && <div className="node-error" role="alert">{run.error.code}: {run.error.message}</div>}
      {run && (run.latencyMs !== undefined || run.usage) && (
        <dl className="node-metrics">
          {run.ttftMs != null && <><dt>ttft</dt><dd>{formatMs(run.ttftMs)}</dd></>}
          {run.latencyMs !== undefined && <><dt>latency</dt><dd>{formatMs(run.latencyMs)}</dd></>}
          {run.usage && <><dt>tokens</dt><dd>{run.usage.inputTokens ?? 0}→{run.usage.outputTokens ?? 0}</dd></>}
          {run.costUsd !== undefined && <><dt>cost</dt><dd>{formatCost(run.costUsd)}</dd></>}
        </dl>
      )}
    </div>
  );
});

function PortHandle({ port, kind }: { port: PortSpec; kind: 'source' | 'target' }) {
  const title = `${port.name}: ${port.type}${port.many ? ' (many)' : ''}${port.description ? ` — ${port.description}` : ''}`;
  return (
    <div className={`port port-${kind}`} title={title}>
      <Handle type={kind} position={kind === 'target' ? Position.Left : Position.Right} id={port.name}
        className={`handle type-${port.type}`} aria-label={`${kind === 'target' ? 'input' : 'output'} ${port.name} (${port.type})`}
        data-port={port.name} />
      <span className="port-name">{port.name}{port.many ? '*' : ''}</span>
      <span className="port-type">{port.type}</span>
    </div>
  );
}
