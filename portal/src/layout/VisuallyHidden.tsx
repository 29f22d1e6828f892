import Box from "@mui/material/Box";
import type { ReactNode } from "react";

const hidden = {
  position: "absolute",
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
  border: 0,
} as const;

/** Text for screen readers only, where the eye gets a number or an icon instead. */
export const VisuallyHidden = ({ children }: { children: ReactNode }) => (
  <Box component="span" sx={hidden}>
    {children}
  </Box>
);
