/**
 * A run id short enough to show, long enough to tell runs apart: its last 8 hex digits. Run ids
 * are UUIDv7, whose first digits are the start time, so runs started together share them.
 */
export function shortRunId(id: string): string {
  return id.replace(/-/g, '').slice(-8);
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatCost(usd: number): string {
  if (usd === 0) return '$0';
  return usd < 0.01 ? `$${Number(usd.toFixed(6))}` : `$${usd.toFixed(3)}`;
}

export function formatPrice(perMillion: number | null | undefined): string {
  return perMillion == null ? '—' : `$${perMillion}`;
}

export function formatTokens(n: number | null | undefined): string {
  if (n == null) return '—';
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(2)}M`;
  return n >= 1000 ? `${Math.round(n / 1000)}k` : String(n);
}
