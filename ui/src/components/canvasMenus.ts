// What opens the canvas's node picker and context menus: the canvas holds the one open menu; a
// card's "+" on an output asks for the picker through this context.
import { createContext, useContext } from 'react';

/** Where a menu opens (viewport pixels). */
export interface ScreenPoint { x: number; y: number }

/** A port the picked node is connected to: an output it is fed from, or an input it feeds. */
export interface PickerSource { nodeId: string; port: string }

export type OpenMenu =
  | { kind: 'picker'; at: ScreenPoint; source?: PickerSource; /** an input the new node feeds (an edge dragged from an input) */ target?: PickerSource;
      /** where the new node goes, in flow coordinates */ place: ScreenPoint }
  | { kind: 'node'; at: ScreenPoint; nodeIds: string[] }
  | { kind: 'pane'; at: ScreenPoint; place: ScreenPoint };

export interface CanvasMenus {
  /** Opens the node picker for a card's output, below the element that asked (its "+"). */
  pickFrom(source: PickerSource, anchor: HTMLElement): void;
}

export const CanvasMenusContext = createContext<CanvasMenus | null>(null);

export const useCanvasMenus = () => useContext(CanvasMenusContext);
