// One-line summaries of a node's config, shown on its card.
import { useStore } from '../store/useStore';
import { formatTokens } from '../components/format';
import { ProviderIcon } from './icons';
import { activeReplacement } from '../fields/modelReplacement';

type Config = Record<string, unknown>;

export function ModelSummary({ config }: { config: Config }) {
  const model = typeof config.model === 'string' ? config.model : undefined;
  const info = useStore((s) => (model ? s.models.find((m) => m.id === model || m.aliases?.includes(model)) : undefined));
  const models = useStore((s) => s.models);
  const state = info?.status?.state;
  const replacement = info ? activeReplacement(info, models) : undefined;
  return (
    <p className="node-line">
      <span className="model-id">{model ?? 'no model'}</span>
      {info?.contextWindow ? <span className="muted"> · {formatTokens(info.contextWindow)} ctx</span> : null}
      {state && state !== 'active' ? <span className={`badge ${state}`}> {state}{replacement ? ` → ${replacement.id}` : ''}</span> : null}
      {typeof config.temperature === 'number' ? <span className="muted"> · t={config.temperature}</span> : null}
    </p>
  );
}

export function PromptSummary({ config }: { config: Config }) {
  const messages = Array.isArray(config.messages) ? (config.messages as { role?: string; content?: string }[]) : [];
  const first = typeof config.template === 'string' ? config.template : messages.find((m) => m.role === 'user')?.content ?? messages[0]?.content;
  return (
    <p className="node-line" title={first}>
      {first ? <span className="template-snippet">{first.length > 70 ? `${first.slice(0, 70)}…` : first}</span> : <span className="muted">empty template</span>}
      {messages.length > 1 ? <span className="muted"> · {messages.length} messages</span> : null}
    </p>
  );
}

export function EmbeddingSummary({ config }: { config: Config }) {
  return (
    <p className="node-line">
      <ProviderIcon provider={String(config.provider ?? 'openai')} /> {String(config.provider ?? 'openai')} / <span className="model-id">{String(config.model ?? '')}</span>
      {config.dimensions ? <span className="muted"> · {String(config.dimensions)} dims</span> : null}
    </p>
  );
}

export function RouterSummary({ config }: { config: Config }) {
  const rules = Array.isArray(config.rules) ? config.rules.length : 0;
  return (
    <p className="node-line">
      preset <b>{String(config.preset ?? 'balanced')}</b>
      {rules ? <span className="muted"> · {rules} rule{rules > 1 ? 's' : ''}</span> : null}
    </p>
  );
}
