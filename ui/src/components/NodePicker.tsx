// The node picker: the node kinds that fit an output (or all of them), searchable; arrow keys move
// through the list, Enter picks, Escape closes. Picking adds the node and connects it.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { NodeTypeSpec, PortTypeName } from '../api/types';
import { compatibleKinds, filterChoices, type PickerChoice } from '../graph/compatible';
import { KindIcon } from '../nodes/icons';
import type { ScreenPoint } from './canvasMenus';
import { inView, moveFocus, useDismiss } from './menuKeys';

interface Props {
  at: ScreenPoint;
  registry: readonly NodeTypeSpec[];
  /** The type of the output the new node is fed from; undefined offers every kind. */
  fromType?: PortTypeName;
  /** Says what the picker is for, e.g. "Add a node after claude.text". */
  title: string;
  onPick: (choice: PickerChoice) => void;
  onClose: () => void;
}

export function NodePicker({ at, registry, fromType, title, onPick, onClose }: Props) {
  const [query, setQuery] = useState('');
  const all = useMemo(() => (fromType ? compatibleKinds(registry, fromType) : registry.map((spec) => ({ spec }))), [registry, fromType]);
  const shown = useMemo(() => filterChoices(all, query), [all, query]);
  const box = useRef<HTMLDivElement>(null);
  useDismiss(box, onClose);
  useEffect(() => { box.current?.querySelector<HTMLInputElement>('input')?.focus(); }, []);
  return (
    <div ref={box} className="canvas-menu node-picker" role="dialog" aria-label={title} style={inView(at, 290, 340)}
      data-testid="node-picker" onKeyDown={(e) => moveFocus(e, '.picker-item')}>
      <p className="menu-title">{title}</p>
      <input type="search" aria-label="Search node kinds" placeholder="Search…" value={query} onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Enter' && shown[0]) { e.preventDefault(); onPick(shown[0]); } }} />
      {shown.length === 0
        ? <p className="muted">{all.length === 0 ? `No node takes ${fromType}.` : 'No kind matches.'}</p>
        : (
          <ul>
            {shown.map((c) => (
              <li key={c.spec.type}>
                <button type="button" className="picker-item" onClick={() => onPick(c)} data-type={c.spec.type}>
                  <KindIcon spec={c.spec} /> <span>{c.spec.label}</span>
                  {c.port && <span className="muted"> → {c.port}</span>}
                </button>
              </li>
            ))}
          </ul>
        )}
    </div>
  );
}
