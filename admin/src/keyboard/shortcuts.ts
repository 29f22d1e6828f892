import { useEffect, useRef } from "react";

/** A key pressed while typing somewhere (a field, an editable area, an open menu) is the typing's, never a shortcut. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.closest('[role="listbox"], [role="menu"], [role="dialog"]') !== null;
}

/**
 * Single-key shortcuts (no Ctrl, Alt or Meta) for as long as the component is mounted; `keys` maps `event.key` to
 * what it does (false: nothing, this time). Never while typing.
 */
export function useShortcuts(keys: Record<string, () => void | false>) {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented || isTyping(event)) return;
      const action = latest.current[event.key];
      // An action that answers false did nothing: the key keeps its own effect (Entrée on a focused link follows it).
      if (action && action() !== false) event.preventDefault();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
