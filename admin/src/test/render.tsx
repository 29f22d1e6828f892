import { QueryClient } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { Admin, AdminContext, memoryStore, Resource, ResourceContextProvider } from "react-admin";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { vi } from "vitest";
import { createAuthProvider } from "../auth/authProvider";
import { writeSession } from "../auth/session";
import conversations from "../conversations";
import { createDataProvider } from "../dataProvider";
import { i18nProvider } from "../i18n/i18nProvider";
import { Layout } from "../layout/Layout";
import users from "../users";
import { admin, createFakeApi, type Seed } from "./fakeApi";

interface Options {
  resource: string;
  seed?: Seed;
  /** Renders `ui` as the route `path` (e.g. "/conversations/:id/show"), opened at `url`. */
  route?: { path: string; url: string };
}

/**
 * Renders a screen of the console inside react-admin's AdminContext (fresh memoryStore, router and query
 * client each time), with the real data provider talking to an in-memory fake of the API, signed in as the
 * demo admin.
 */
const signInAgainstFakeApi = (seed?: Seed) => {
  const api = createFakeApi(seed);
  vi.stubGlobal("fetch", api.fetch);
  writeSession({ token: "token-admin", user: admin });
  return { api, queryClient: new QueryClient({ defaultOptions: { queries: { retry: false } } }) };
};

export const renderWithAdmin = (ui: ReactNode, { resource, seed, route }: Options) => {
  const { api, queryClient } = signInAgainstFakeApi(seed);
  const content = (
    <ResourceContextProvider value={resource}>
      {route ? (
        <Routes>
          <Route path={route.path} element={ui} />
        </Routes>
      ) : (
        ui
      )}
    </ResourceContextProvider>
  );
  // A memory router per test: the list keeps its filters in the URL, which must not leak between tests.
  const result = render(
    <MemoryRouter initialEntries={[route?.url ?? "/"]}>
      <AdminContext
        dataProvider={createDataProvider()}
        i18nProvider={i18nProvider}
        store={memoryStore()}
        queryClient={queryClient}
      >
        {content}
      </AdminContext>
    </MemoryRouter>,
  );
  return { ...result, api, queryClient };
};

/** The whole console (layout, menu and its badge, event stream), signed in as the demo admin, opened at `url`. */
export const renderConsole = (url: string, seed?: Seed) => {
  const { api, queryClient } = signInAgainstFakeApi(seed);
  const result = render(
    <MemoryRouter initialEntries={[url]}>
      <Admin
        dataProvider={createDataProvider()}
        authProvider={createAuthProvider()}
        i18nProvider={i18nProvider}
        layout={Layout}
        store={memoryStore()}
        queryClient={queryClient}
        requireAuth
        disableTelemetry
      >
        <Resource name="conversations" {...conversations} />
        <Resource name="users" {...users} />
      </Admin>
    </MemoryRouter>,
  );
  return { ...result, api, queryClient };
};
