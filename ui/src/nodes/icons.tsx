// Icons (lucide) for node kinds, and for the providers the model kinds call. Decorative: the kind's
// label always stands beside one, so they are hidden from assistive technology.
import {
  Binary, Bot, CircleHelp, FileText, Merge, Radio, Route, Sparkles, Zap, type LucideIcon,
} from 'lucide-react';
import type { NodeTypeSpec } from '../api/types';

const PROVIDERS: Record<string, LucideIcon> = { anthropic: Sparkles, openai: Bot, groq: Zap };

const KINDS: Record<string, LucideIcon> = {
  promptTemplate: FileText,
  embeddingGenerate: Binary,
  llmRouter: Route,
  streamResponse: Radio,
  textJoin: Merge,
};

/** The icon of a kind: its provider's for a model call, else the kind's own, else a question mark. */
export function iconFor(spec: Pick<NodeTypeSpec, 'type' | 'provider'> | undefined, type?: string): LucideIcon {
  const provider = spec?.provider ? PROVIDERS[spec.provider] : undefined;
  return provider ?? KINDS[spec?.type ?? type ?? ''] ?? CircleHelp;
}

export function KindIcon({ spec, type, size = 14 }: { spec?: Pick<NodeTypeSpec, 'type' | 'provider'>; type?: string; size?: number }) {
  const Icon = iconFor(spec, type);
  return <Icon className="kind-icon" size={size} aria-hidden="true" focusable="false" data-icon={spec?.provider ?? spec?.type ?? type} />;
}

/** The icon of a provider (model pickers, run tabs); undefined for one without an icon. */
export function ProviderIcon({ provider, size = 14 }: { provider: string; size?: number }) {
  const Icon = PROVIDERS[provider];
  return Icon ? <Icon className="provider-icon" size={size} aria-hidden="true" focusable="false" data-icon={provider} /> : null;
}
