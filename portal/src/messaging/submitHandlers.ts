import type { FormEvent, KeyboardEvent } from "react";

/** The modifier of the "send" shortcut as the user's keyboard labels it. */
export const shortcutKey = (): string => (/Mac|iPhone|iPad/.test(navigator.userAgent) ? "⌘" : "Ctrl");

/** A form that sends on submit and on Ctrl+Enter (Cmd+Enter on a Mac) from its text areas. */
export function submitHandlers(submit: () => Promise<void>) {
  return {
    onSubmit: (event: FormEvent) => {
      event.preventDefault();
      void submit();
    },
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      void submit();
    },
  };
}
