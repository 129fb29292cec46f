// Keyboard shortcuts of the canvas: run (Ctrl/Cmd+Enter), undo/redo, copy/paste, delete, select all,
// disable/enable the selected nodes (D). They stay out of
// the way while the user types in a field or an editor.
import { useEffect } from 'react';
import { canvasStore } from '../store/useStore';

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function handleShortcut(e: KeyboardEvent): boolean {
  const s = canvasStore.getState();
  const mod = e.ctrlKey || e.metaKey;
  // Run works from anywhere, a field included (the inputs dialog handles its own Ctrl+Enter)
  if (mod && e.key === 'Enter') { if (s.runDialog) return false; s.setRunDialog(true); return true; }
  if (isTyping(e.target)) return false;
  const key = e.key.toLowerCase();
  if (mod && key === 'z' && !e.shiftKey) { s.undo(); return true; }
  if (mod && (key === 'y' || (key === 'z' && e.shiftKey))) { s.redo(); return true; }
  // Copying selected text (say, a node's output) stays the browser's job.
  if (mod && key === 'c' && (window.getSelection()?.toString() ?? '') !== '') return false;
  if (mod && key === 'c') { const n = s.copySelection(); if (n) s.showHint(`Copied ${n} node${n > 1 ? 's' : ''}.`); return n > 0; }
  if (mod && key === 'v') { return s.paste().length > 0; }
  if (mod && key === 'a') { s.selectOnly(s.nodes.map((n) => n.id)); return true; }
  if (key === 'delete' || key === 'backspace') { s.deleteSelected(); return true; }
  if (key === 'd' && !mod && !e.altKey) {
    const selected = s.nodes.filter((n) => n.selected).map((n) => n.id);
    if (selected.length === 0) return false;
    s.toggleDisabled(selected);
    return true;
  }
  if (key === 'escape') { s.selectOnly([]); s.clearHint(); return true; }
  return false;
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (handleShortcut(e)) e.preventDefault(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
