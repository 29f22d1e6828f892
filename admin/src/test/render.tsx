import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { AdminContext, memoryStore, ResourceContextProvider } from "react-admin";
import { MemoryRouter } from "react-router-dom";
import { vi } from "vitest";
import { writeSession } from "../auth/session";
import { createDataProvider } from "../dataProvider";
import { i18nProvider } from "../i18n/i18nProvider";
import { admin, createFakeApi, type Seed } from "./fakeApi";

/**
 * Renders a screen of the console inside react-admin's AdminContext (fresh memoryStore and router each time), with the
 * real data provider talking to an in-memory fake of the API, signed in as the demo admin.
 */
export const renderWithAdmin = (ui: ReactNode, { resource, seed }: { resource: string; seed?: Seed }) => {
  const api = createFakeApi(seed);
  vi.stubGlobal("fetch", api.fetch);
  writeSession({ token: "token-admin", user: admin });
  // A memory router per test: the list keeps its filters in the URL, which must not leak between tests.
  const result = render(
    <MemoryRouter>
      <AdminContext dataProvider={createDataProvider()} i18nProvider={i18nProvider} store={memoryStore()}>
        <ResourceContextProvider value={resource}>{ui}</ResourceContextProvider>
      </AdminContext>
    </MemoryRouter>,
  );
  return { ...result, api };
};
