import { createContext, useContext } from 'react';
import type { Clock } from './clock';

export const ClockContext = createContext<Clock | null>(null);

/** The clinic's clock (zone from the server's config, locale from the browser). */
export function useClock(): Clock {
  const clock = useContext(ClockContext);
  if (!clock) throw new Error('useClock outside ClockContext');
  return clock;
}
