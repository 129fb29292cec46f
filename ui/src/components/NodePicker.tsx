// The node picker: the node kinds that fit an output or an input (or all of them), searchable; arrow
// keys move through the list, Enter picks, Escape closes. Picking adds the node and connects it.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { NodeTypeSpec, PortTypeName } from '../api/types';
import { compatibleKinds, filterChoices, producingKinds, type PickerChoice } from '../graph/compatible';
import { KindIcon } from '../nodes/icons';
import type { ScreenPoint } from './canvasMenus';
import { inView, moveFocus, useDismiss } from './menuKeys';

interface Props {
  at: ScreenPoint;
  registry: readonly NodeTypeSpec[];
  /** The type of the output the new node is fed from; undefined (with no intoType) offers every kind. */
  fromType?: PortTypeName;
  /** The type of the input the new node feeds: offers the kinds with an output it takes. */
  intoType?: PortTypeName;
  /** Says what the picker is for, e.g. "Add a node after claude.text". */
  title: string;
  onPick: (choice: PickerChoice) => void;
  onClose: () => void;
}

export function NodePicker({ at, registry, fromType, intoType, title, onPick, onClose }: Props) {
  const [query, setQuery] = useState('');
  const all = useMemo(() => {
    if (fromType) return compatibleKinds(registry, fromType);
    if (intoType) return producingKinds(registry, intoType);
    return registry.map((spec) => ({ spec }));
  }, [registry, fromType, intoType]);
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
        ? <p className="muted">{all.length === 0 ? (intoType ? `No node makes ${intoType}.` : `No node takes ${fromType}.`) : 'No kind matches.'}</p>
        : (
          <ul>
            {shown.map((c) => (
              <li key={c.spec.type}>
                <button type="button" className="picker-item" onClick={() => onPick(c)} data-type={c.spec.type}>
                  <KindIcon spec={c.spec} /> <span>{c.spec.label}</span>
                  {c.port && <span className="muted">{intoType ? ` ${c.port} →` : ` → ${c.port}`}</span>}
                </button>
              </li>
            ))}
          </ul>
        )}
    </div>
  );
}
