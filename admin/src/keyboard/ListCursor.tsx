import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { useListContext, type Identifier, type RaRecord } from "react-admin";
import { useNavigate } from "react-router-dom";
import { useShortcuts } from "./shortcuts";

const CursorContext = createContext<Identifier | null>(null);
/** The row `j`/`k` are on, for the table to mark it. */
export const useListCursor = () => useContext(CursorContext);

/** `j`/`k` move through the list's rows, `Entrée` opens the row they are on (where `pathOf` says). */
export function ListCursor<T extends RaRecord>({ pathOf, children }: { pathOf: (record: T) => string; children: ReactNode }) {
  const { data = [] } = useListContext<T>();
  const navigate = useNavigate();
  const [index, setIndex] = useState(-1);
  useEffect(() => setIndex((current) => Math.min(current, data.length - 1)), [data.length]);
  const row = index >= 0 ? data[index] : undefined;
  useEffect(() => {
    if (index >= 0) document.querySelectorAll(".RaDataTable-tbody > tr, .RaSimpleList-root li")[index]?.scrollIntoView?.({ block: "nearest" });
  }, [index]);
  useShortcuts({
    j: () => setIndex((current) => Math.min(current + 1, data.length - 1)),
    k: () => setIndex((current) => Math.max(current - 1, 0)),
    // Not when Enter is for a focused button or link (it keeps its own effect then).
    Enter: () => {
      if (!row || document.activeElement instanceof HTMLButtonElement || document.activeElement instanceof HTMLAnchorElement) return false;
      navigate(pathOf(row));
    },
  });
  return <CursorContext.Provider value={row?.id ?? null}>{children}</CursorContext.Provider>;
}
