import Alert from "@mui/material/Alert";
import { useEffect, useState } from "react";

/** A stream that is back within this long (the server ends streams every quarter of an hour) is not worth a banner. */
const GRACE_MS = 3_000;

/**
 * "Connexion perdue — nouvelle tentative…" in both apps while the event stream (and so, most likely, the API) cannot
 * be reached; it goes by itself once the stream is back, and the screens reload what they show then.
 */
export function ConnectionBanner({ live, text }: { live: boolean; text: string }) {
  const [lost, setLost] = useState(false);
  useEffect(() => {
    if (live) return setLost(false);
    const timer = setTimeout(() => setLost(true), GRACE_MS);
    return () => clearTimeout(timer);
  }, [live]);
  if (!lost) return null;
  return (
    <Alert severity="warning" role="status" sx={{ borderRadius: 0 }}>
      {text}
    </Alert>
  );
}
