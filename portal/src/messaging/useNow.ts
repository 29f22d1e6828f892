import { useEffect, useState } from "react";

/** Re-renders every `everyMs` so relative times ("il y a 2 minutes") stay true while the tab stays open. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
