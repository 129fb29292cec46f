// A context menu on the canvas: items are buttons with role menuitem; the first takes focus, arrow
// keys move, Enter picks, Escape closes.
import { useEffect, useRef } from 'react';
import type { LucideIcon } from 'lucide-react';
import type { ScreenPoint } from './canvasMenus';
import { inView, moveFocus, useDismiss } from './menuKeys';

export interface MenuItem { label: string; icon: LucideIcon; run: () => void; /** its keyboard shortcut, shown after the label */ shortcut?: string }

export function ContextMenu({ at, label, items, onClose }: { at: ScreenPoint; label: string; items: MenuItem[]; onClose: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  useDismiss(box, onClose);
  useEffect(() => { box.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus(); }, []);
  return (
    <div ref={box} className="canvas-menu context-menu" role="menu" aria-label={label} style={inView(at, 200, items.length * 30 + 12)}
      data-testid="context-menu" onKeyDown={(e) => moveFocus(e, '[role=menuitem]')}>
      {items.map(({ label: text, icon: Icon, run, shortcut }) => (
        <button key={text} type="button" role="menuitem" onClick={() => { onClose(); run(); }}
          aria-keyshortcuts={shortcut}>
          <Icon size={14} aria-hidden="true" focusable="false" /> {text}
          {shortcut && <kbd className="menu-shortcut" aria-hidden="true">{shortcut}</kbd>}
        </button>
      ))}
    </div>
  );
}
