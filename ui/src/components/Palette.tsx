// The node palette: registry types grouped by category, searchable, draggable onto the canvas;
// Enter (or a click) on an item adds it in the middle of the view, for keyboard users.
import { useMemo, useState } from 'react';
import type { NodeTypeSpec } from '../api/types';
import { useStore } from '../store/useStore';

export const DRAG_TYPE = 'application/x-catalyst-node';

export function groupPalette(types: NodeTypeSpec[], query: string): [string, NodeTypeSpec[]][] {
  const q = query.trim().toLowerCase();
  const groups = new Map<string, NodeTypeSpec[]>();
  for (const t of types) {
    const hay = `${t.label} ${t.type} ${t.category} ${t.description} ${t.provider ?? ''}`.toLowerCase();
    if (q && !q.split(/\s+/).every((w) => hay.includes(w))) continue;
    const list = groups.get(t.category);
    if (list) list.push(t); else groups.set(t.category, [t]);
  }
  return [...groups.entries()];
}

export function Palette({ onAdd }: { onAdd: (type: string) => void }) {
  const registry = useStore((s) => s.registry);
  const [query, setQuery] = useState('');
  const groups = useMemo(() => groupPalette(Object.values(registry), query), [registry, query]);
  return (
    <nav className="palette" aria-label="Node palette">
      <label htmlFor="palette-search" className="sr-only">Search nodes</label>
      <input id="palette-search" type="search" placeholder="Search nodes…" value={query} onChange={(e) => setQuery(e.target.value)} />
      {groups.length === 0 && <p className="muted">{Object.keys(registry).length === 0 ? 'Loading node types…' : 'No node matches.'}</p>}
      {groups.map(([category, types]) => (
        <section key={category} aria-label={category}>
          <h3>{category}</h3>
          <ul>
            {types.map((t) => (
              <li key={t.type}>
                <button type="button" className="palette-item" draggable data-type={t.type} title={t.description}
                  aria-label={`Add ${t.label}`}
                  onDragStart={(e) => { e.dataTransfer.setData(DRAG_TYPE, t.type); e.dataTransfer.effectAllowed = 'move'; }}
                  onClick={() => onAdd(t.type)}>
                  <span className="palette-label">{t.label}</span>
                  {t.streaming && <span className="badge stream">streams</span>}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
