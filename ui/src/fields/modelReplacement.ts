// What to use instead of a retired or deprecated model: its replacement chain followed to the first
// ACTIVE model (a replacement may itself be retired: llama3-70b-8192 → llama-3.3-70b-versatile →
// openai/gpt-oss-120b). A chain that ends, or turns in a circle, without an active model
// recommends nothing rather than a model that no longer works.
import type { ModelInfo } from '../api/types';

const stateOf = (m: ModelInfo) => m.status?.state ?? 'active';

/** The catalog entry an id names: the same provider's model first (ids or aliases), then any. */
export function findModel(models: readonly ModelInfo[], id: string, provider?: string): ModelInfo | undefined {
  const named = (m: ModelInfo) => m.id === id || (m.aliases?.includes(id) ?? false);
  return models.find((m) => m.provider === provider && named(m)) ?? models.find(named);
}

/** The chain of replacements after `model`, in order, up to the first active one or the chain's end. */
export function replacementChain(model: ModelInfo, models: readonly ModelInfo[]): ModelInfo[] {
  const chain: ModelInfo[] = [];
  const seen = new Set([`${model.provider}/${model.id}`]);
  let at = model;
  while (stateOf(at) !== 'active' && at.status?.replacement) {
    const next = findModel(models, at.status.replacement, at.provider);
    if (!next || seen.has(`${next.provider}/${next.id}`)) break;
    seen.add(`${next.provider}/${next.id}`);
    chain.push(next);
    at = next;
  }
  return chain;
}

/** The active model to recommend instead of `model` (undefined: it is active, or no active replacement is known). */
export function activeReplacement(model: ModelInfo, models: readonly ModelInfo[]): ModelInfo | undefined {
  if (stateOf(model) === 'active') return undefined;
  const last = replacementChain(model, models).at(-1);
  return last && stateOf(last) === 'active' ? last : undefined;
}
