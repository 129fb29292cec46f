// Keyboard and pointer behaviour shared by the canvas's menus: arrow keys move between items,
// Escape or a press outside closes, and focus goes back where it was.
import { useLayoutEffect, useRef, type RefObject } from 'react';

/** ArrowDown/ArrowUp (and Home/End) move focus among the `selector` items inside the menu. */
export function moveFocus(e: React.KeyboardEvent<HTMLElement>, selector: string): void {
  if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>(selector)];
  if (items.length === 0) return;
  const at = items.indexOf(document.activeElement as HTMLElement);
  let next: number;
  if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = items.length - 1;
  else if (at < 0) next = e.key === 'ArrowDown' ? 0 : items.length - 1;
  else next = (at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
  e.preventDefault();
  items[next].focus();
}

/**
 * Closes on Escape and on a pointer press outside `box`; gives focus back to what had it before.
 * A layout effect: it reads the opener before the menu's own effects move focus into it, and gives
 * focus back in the same commit that removes the menu, not some frames later.
 */
export function useDismiss(box: RefObject<HTMLElement | null>, onClose: () => void): void {
  const close = useRef(onClose);
  close.current = onClose;
  useLayoutEffect(() => {
    const onClose = () => close.current();
    const before = document.activeElement as HTMLElement | null;
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') { e.stopPropagation(); onClose(); } };
    const onDown = (e: PointerEvent) => { if (box.current && !box.current.contains(e.target as Node)) onClose(); };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onDown, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onDown, true);
      if (before && document.contains(before)) before.focus();
    };
  }, [box]);
}

/** Where a menu of about `w`×`h` pixels opening at `at` stays inside the window. */
export function inView(at: { x: number; y: number }, w: number, h: number): { left: number; top: number } {
  return { left: Math.max(4, Math.min(at.x, window.innerWidth - w - 4)), top: Math.max(4, Math.min(at.y, window.innerHeight - h - 4)) };
}
