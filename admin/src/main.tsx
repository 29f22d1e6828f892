import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Boot } from "./Boot";

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");
createRoot(root).render(
  <StrictMode>
    <Boot />
  </StrictMode>,
);
