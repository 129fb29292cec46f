// Whether the Credentials screen is open, and for which name: the credential picker opens it with
// the name a node needs ("+ Add key"), the toolbar button with none.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

interface CredentialsUi {
  open: boolean;
  name: string;
  show(name?: string): void;
  hide(): void;
}

export const credentialsUi = createStore<CredentialsUi>((set) => ({
  open: false,
  name: '',
  show: (name = '') => set({ open: true, name }),
  hide: () => set({ open: false, name: '' }),
}));

export function useCredentialsUi<T>(selector: (s: CredentialsUi) => T): T {
  return useStore(credentialsUi, selector);
}
