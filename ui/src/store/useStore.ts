// The app's store instance and its React hook. Tests create their own with createCanvasStore().
import { useStore as useZustand } from 'zustand';
import { createCanvasStore, type Store } from './store';

export const canvasStore = createCanvasStore();

export function useStore<T>(selector: (s: Store) => T): T {
  return useZustand(canvasStore, selector);
}
