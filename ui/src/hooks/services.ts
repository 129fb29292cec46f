// The API client, the run controller and the autosaver, handed to components through context so tests can swap them.
import { createContext, useContext } from 'react';
import type { Api } from '../api/client';
import type { Autosaver } from '../persist/autosave';
import type { RunController } from '../run/runController';

export interface Services { api: Api; runs: RunController; saves: Autosaver }

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('ServicesContext missing');
  return s;
}
