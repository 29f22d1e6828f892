import Linkify from "linkify-react";
import type { ReactNode } from "react";

/** Links open in a new tab, tell nothing of where they come from, and carry no endorsement. */
const LINK_OPTIONS = { target: "_blank", rel: "noopener noreferrer nofollow", defaultProtocol: "https" } as const;

/**
 * A message's text, in both apps, as it was written: line breaks kept, links (and emails) clickable, and each
 * paragraph's direction found from its first letters (`dir="auto"`: an Arabic message reads right to left). React
 * escapes everything else: no HTML from a message is ever rendered.
 */
export function MessageText({ children }: { children: string }): ReactNode {
  return (
    <span dir="auto" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", display: "block" }}>
      <Linkify options={LINK_OPTIONS}>{children}</Linkify>
    </span>
  );
}
