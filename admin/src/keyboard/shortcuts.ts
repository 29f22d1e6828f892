import { useEffect, useRef } from "react";

/** A key pressed while typing somewhere (a field, an editable area, an open menu) is the typing's, never a shortcut. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.closest('[role="listbox"], [role="menu"], [role="dialog"]') !== null;
}

/**
 * Single-key shortcuts (no Ctrl, Alt or Meta) for as long as the component is mounted; `keys` maps `event.key` to
 * what it does. Never while typing.
 */
export function useShortcuts(keys: Record<string, () => void>) {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented || isTyping(event)) return;
      const action = latest.current[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
