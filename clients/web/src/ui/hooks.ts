import { useEffect, useRef } from 'react';

/**
 * Runs `refetch` when the window gets focus back or the tab becomes visible
 * (times go fast on a booking page: what was free a minute ago may not be).
 */
export function useRefetchOnFocus(refetch: () => unknown) {
  const latest = useRef(refetch);
  latest.current = refetch;
  useEffect(() => {
    let last = Date.now();
    const onFocus = () => {
      // Focus and visibility often fire together: once is enough.
      if (document.visibilityState !== 'visible' || Date.now() - last < 1000) return;
      last = Date.now();
      void latest.current();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onFocus);
    return () => {
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onFocus);
    };
  }, []);
}
