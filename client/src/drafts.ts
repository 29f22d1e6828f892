/**
 * Unsent replies, kept in the browser per user and per conversation (both apps), so that navigating away, reloading
 * or a failed send never loses what was typed. Sending clears it.
 */
export type Draft = { content: string; internal?: boolean };

const PREFIX = "messagerie.draft";

export const draftKey = (userId: number | string, conversationId: number | string) => `${PREFIX}.${userId}.${conversationId}`;

export function loadDraft(key: string): Draft | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? "null");
    if (typeof parsed !== "object" || parsed === null || typeof (parsed as Draft).content !== "string") return null;
    return { content: (parsed as Draft).content, ...((parsed as Draft).internal === true && { internal: true }) };
  } catch {
    return null; // storage refused or garbled: no draft
  }
}

/** Keeps the draft; an empty one is forgotten. */
export function saveDraft(key: string, draft: Draft): void {
  try {
    if (draft.content.trim() === "") localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Private browsing or a full storage: the draft lives as long as the page.
  }
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // nothing kept, nothing to clear
  }
}
