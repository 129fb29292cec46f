// The API client and the run controller, handed to components through context so tests can swap them.
import { createContext, useContext } from 'react';
import type { Api } from '../api/client';
import type { RunController } from '../run/runController';

export interface Services { api: Api; runs: RunController }

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('ServicesContext missing');
  return s;
}
