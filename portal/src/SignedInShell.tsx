import type { ReactNode } from "react";
import type { Session } from "@messagerie/client/types";
import type { ApiClient } from "./api/client.ts";
import { PortalLayout } from "./layout/PortalLayout.tsx";
import { MessagingProviders } from "./messaging/MessagingProviders.tsx";

/** What surrounds the pro's tabs once signed in: loaded after the login page (App.tsx). */
export default function SignedInShell({ client, user, onLogout, children }: { client: ApiClient; user: Session["user"]; onLogout: () => void; children: ReactNode }) {
  return (
    <MessagingProviders client={client}>
      <PortalLayout user={user} onLogout={onLogout}>
        {children}
      </PortalLayout>
    </MessagingProviders>
  );
}
