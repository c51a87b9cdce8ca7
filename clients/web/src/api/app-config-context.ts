import { createContext, useContext } from 'react';
import type { AppConfig } from '../config';

export const AppConfigContext = createContext<AppConfig | null>(null);

/** What the server told the app at start: where the gateway is (its HTTP routes too, such as the CSV exports), the clinic's zone. */
export function useAppConfig(): AppConfig {
  const config = useContext(AppConfigContext);
  if (!config) throw new Error('useAppConfig outside AppConfigContext');
  return config;
}
