// The node palette: registry types grouped by category, searchable, draggable onto the canvas;
// Enter (or a click) on an item adds it in the middle of the view, for keyboard users; the arrow
// keys move from the search through the items, Enter in the search adds the first match.
import { useMemo, useState } from 'react';
import type { NodeTypeSpec } from '../api/types';
import { useStore } from '../store/useStore';
import { KindIcon } from '../nodes/icons';

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
    <nav className="palette" aria-label="Node palette" onKeyDown={moveFocus}>
      <label htmlFor="palette-search" className="sr-only">Search nodes</label>
      <input id="palette-search" type="search" placeholder="Search nodes…" value={query} onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          // Enter in the search adds the first match
          if (e.key === 'Enter' && groups[0]?.[1][0]) { e.preventDefault(); onAdd(groups[0][1][0].type); }
        }} />
      {groups.length === 0 && <p className="muted">{Object.keys(registry).length === 0 ? 'Loading node types…' : 'No node matches.'}</p>}
      {groups.map(([category, types]) => (
        <section key={category} aria-label={category}>
          <h3>{category}</h3>
          <ul>
            {types.map((t) => (
              <li key={t.type}>
                <button type="button" className="palette-item" draggable data-type={t.type} title={t.description}
                  onDragStart={(e) => { e.dataTransfer.setData(DRAG_TYPE, t.type); e.dataTransfer.effectAllowed = 'move'; }}
                  onClick={() => onAdd(t.type)}>
                  {/* the space outside the hidden word: a hidden box drops its trailing space from the name */}
                  <KindIcon spec={t} /><span className="sr-only">Add</span> <span className="palette-label">{t.label}</span>
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

/** ArrowDown/ArrowUp: the next or previous palette item (from the search box, the first). */
function moveFocus(e: React.KeyboardEvent<HTMLElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const items = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('.palette-item')];
  if (items.length === 0) return;
  const at = items.indexOf(document.activeElement as HTMLButtonElement);
  const next = at < 0 ? (e.key === 'ArrowDown' ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)));
  e.preventDefault();
  items[next].focus();
}
