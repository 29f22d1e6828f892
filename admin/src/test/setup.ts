import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

// react-admin debounces filter changes by 500 ms: give async queries room beyond testing-library's 1 s.
configure({ asyncUtilTimeout: 4000 });
