import Box from "@mui/material/Box";
import type { Segment } from "../types.ts";

/** A search result's snippet, in both apps: plain text, the matches marked (never HTML from the server). */
export const Snippet = ({ segments }: { segments: Segment[] }) => (
  <>
    {segments.map((segment, index) =>
      segment.match ? (
        <Box component="mark" key={index} sx={{ bgcolor: "warning.light", color: "text.primary", borderRadius: 0.5, px: 0.25 }}>
          {segment.text}
        </Box>
      ) : (
        <span key={index}>{segment.text}</span>
      ),
    )}
  </>
);
