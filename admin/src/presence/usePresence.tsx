import { Alert } from "@mui/material";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { useDataProvider, useGetIdentity, useTranslate, type Identifier } from "react-admin";
import type { AppDataProvider } from "../dataProvider";
import { presenceStore } from "./store";

/** How often an open ticket renews this admin's presence (the API keeps it 15 s). */
const RENEW_MS = 5_000;
/** Typing counts for this long after the last keystroke. */
const TYPING_MS = 4_000;

/**
 * Says, while this ticket is open, that this admin views it — or types on it, `lastKeystroke` being recent — and
 * that he left when the ticket closes or the page goes (a request that outlives the page). A failure is silent:
 * presence is a courtesy, never in the way.
 */
export function useAnnouncePresence(conversationId: Identifier, lastKeystroke: number) {
  const dataProvider = useDataProvider<AppDataProvider>();
  const latest = useRef(lastKeystroke);
  latest.current = lastKeystroke;
  const typing = Date.now() - lastKeystroke < TYPING_MS;
  const announced = useRef<"viewing" | "typing" | null>(null);
  const announce = useRef<(state: "viewing" | "typing" | "left") => void>(() => undefined);
  announce.current = (state) => {
    announced.current = state === "left" ? null : state;
    void dataProvider.announcePresence("conversations", { id: conversationId, state }).catch(() => undefined);
  };

  useEffect(() => {
    const now = () => (Date.now() - latest.current < TYPING_MS ? "typing" : "viewing");
    announce.current(now());
    const timer = setInterval(() => announce.current(now()), RENEW_MS);
    const leave = () => announce.current("left");
    window.addEventListener("pagehide", leave);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [conversationId]);

  // Starting to type is told at once, not at the next renewal; so is stopping (a reply sent clears lastKeystroke).
  useEffect(() => {
    if (typing && announced.current !== "typing") announce.current("typing");
    else if (!typing && announced.current === "typing") announce.current("viewing");
  }, [typing, lastKeystroke]);
}

/** "Alice consulte ce ticket" / "Alice est en train d'écrire…", for every other admin on it. */
export const PresenceBanner = ({ conversationId }: { conversationId: Identifier }) => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const others = useSyncExternalStore(presenceStore.subscribe, () => presenceStore.of(Number(conversationId))).filter(
    (entry) => entry.admin.id !== identity?.id,
  );
  // Re-read every second so that an entry that expired without a "left" disappears.
  useEffect(() => {
    const timer = setInterval(presenceStore.tick, 1_000);
    return () => clearInterval(timer);
  }, []);
  if (others.length === 0) return null;
  return (
    <Alert severity={others.some((entry) => entry.state === "typing") ? "warning" : "info"} role="status" sx={{ mx: { xs: 2, sm: 3 }, mt: 1 }}>
      {others.map((entry) => translate(entry.state === "typing" ? "app.presence.typing" : "app.presence.viewing", { name: entry.admin.name })).join(" · ")}
    </Alert>
  );
};
