// Vectors in the run panel: count × dimensions and the first values, not thousands of floats;
// the full vectors stay one click away as a JSON download.
import { useMemo } from 'react';

export interface VectorsSummary {
  count: number;
  dimensions: number;
  first: number[];
}

/** A non-empty list of non-empty number lists of one length, summarized; anything else is null. */
export function summarizeVectors(value: unknown, firstValues = 4): VectorsSummary | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const dims = Array.isArray(value[0]) ? value[0].length : 0;
  if (dims === 0) return null;
  for (const row of value) {
    if (!Array.isArray(row) || row.length !== dims || !row.every((x) => typeof x === 'number')) return null;
  }
  return { count: value.length, dimensions: dims, first: (value[0] as number[]).slice(0, firstValues) };
}

/** "2 × 384 vectors [0.0214, 0.0489, 0.0937, 0.0170, …]" */
export function formatVectors(s: VectorsSummary): string {
  const values = s.first.map((x) => x.toFixed(4)).join(', ');
  return `${s.count} × ${s.dimensions} vectors [${values}${s.dimensions > s.first.length ? ', …' : ''}]`;
}

/** Saves {@code value} as a JSON file (the blob exists only while the browser takes it). */
export function downloadJson(name: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}.json`;
  a.click();
  URL.revokeObjectURL(url);
}

/** One run output: vectors as their summary with a download of the full JSON, anything else as before. */
export function OutputValue({ name, value }: { name: string; value: unknown }) {
  const summary = useMemo(() => summarizeVectors(value), [value]);
  if (!summary) return <pre>{typeof value === 'string' ? value : JSON.stringify(value, null, 2)}</pre>;
  return (
    <div className="vectors-summary" data-testid={`vectors-${name}`}>
      <span>{formatVectors(summary)}</span>{' '}
      <button type="button" className="link" onClick={() => downloadJson(name, value)}>download JSON</button>
    </div>
  );
}
