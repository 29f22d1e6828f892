import { createContext, useContext, type ReactNode } from "react";
import type { ApiClient } from "./client.ts";

const ApiContext = createContext<ApiClient | null>(null);

/** Gives the Messagerie components their API client: the portal's own, or one a host platform builds with its token. */
export function ApiProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

/** The client when there is one (a form shown on its own, in a test, has none). */
export const useApiIfAny = (): ApiClient | null => useContext(ApiContext);

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error("useApi must be used inside <ApiProvider>");
  return client;
}
