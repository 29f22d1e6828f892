import Box from "@mui/material/Box";
import type { Segment } from "../types.ts";

/**
 * A search result's snippet, in both apps: plain text, the matches marked (never HTML from the server). The marker is
 * a highlighter's yellow with near-black ink in both themes (the theme's warning colours read 1.2–2.2:1 on it).
 */
export const Snippet = ({ segments }: { segments: Segment[] }) => (
  <>
    {segments.map((segment, index) =>
      segment.match ? (
        <Box component="mark" key={index} sx={{ bgcolor: "#ffe58a", color: "#1c1b1f", borderRadius: 0.5, px: 0.25 }}>
          {segment.text}
        </Box>
      ) : (
        <span key={index}>{segment.text}</span>
      ),
    )}
  </>
);
