// Model picker over the catalog: price, context window and status; retired models are marked and
// name their replacement: the end of the replacement chain, an active model (never swapped
// silently: the user chooses).
import { useMemo } from 'react';
import type { ModelInfo } from '../api/types';
import { formatPrice, formatTokens } from '../components/format';
import { activeReplacement, findModel } from './modelReplacement';

interface Props {
  id: string;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  models: ModelInfo[];
  provider?: string | null;
  kind: 'chat' | 'embedding' | 'any';
  describedBy?: string;
  invalid?: boolean;
}

export function modelsFor(models: ModelInfo[], provider: string | null | undefined, kind: Props['kind']): ModelInfo[] {
  return models.filter((m) => (!provider || m.provider === provider) && (kind === 'any' || (kind === 'embedding') === (m.kind === 'embedding')));
}

export function modelOptionLabel(m: ModelInfo, models: readonly ModelInfo[] = []): string {
  const state = m.status?.state ?? 'active';
  const instead = activeReplacement(m, models);
  const status = state === 'active' ? '' : ` — ${state}${instead ? `, use ${instead.id}` : ''}`;
  const price = m.pricing ? ` · ${formatPrice(m.pricing.input)}/${formatPrice(m.pricing.output)} per M` : '';
  return `${m.displayName ?? m.id}${price} · ${formatTokens(m.contextWindow)} ctx${status}`;
}

export function ModelPicker({ id, value, onChange, models, provider, kind, describedBy, invalid }: Props) {
  const options = useMemo(() => {
    const list = modelsFor(models, provider, kind);
    // Active first, then deprecated, then retired; by name inside each.
    const rank = (m: ModelInfo) => ({ active: 0, deprecated: 1 }[m.status?.state ?? 'active'] ?? 2);
    return [...list].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  }, [models, provider, kind]);
  const current = value ? findModel(models, value, provider ?? undefined) : undefined;
  const state = current?.status?.state ?? 'active';
  const instead = current ? activeReplacement(current, models) : undefined;
  return (
    <div className="model-picker">
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} aria-describedby={describedBy} aria-invalid={invalid}>
        <option value="">— choose a model —</option>
        {value && !current && <option value={value}>{value} (not in the catalog)</option>}
        {options.map((m) => (
          <option key={`${m.provider}/${m.id}`} value={m.id} className={`model-${m.status?.state ?? 'active'}`}>
            {modelOptionLabel(m, models)}
          </option>
        ))}
      </select>
      {current && (
        <div className={`model-facts ${state}`} data-testid="model-facts">
          <span>{current.provider}/{current.id}</span>
          <span>in {formatPrice(current.pricing?.input)} · out {formatPrice(current.pricing?.output)} per M tokens</span>
          <span>context {formatTokens(current.contextWindow)}{current.maxOutputTokens ? ` · max out ${formatTokens(current.maxOutputTokens)}` : ''}</span>
          {state !== 'active' && (
            <span className="model-warning" role="status">
              {state === 'retired' ? 'Retired' : 'Deprecated'}{current.status?.retirementDate ? ` (${current.status.retirementDate})` : ''}
              {instead
                ? <> — replacement: <button type="button" className="link" onClick={() => onChange(instead.id)}>{instead.id}</button></>
                : <> — no active replacement in the catalog</>}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
