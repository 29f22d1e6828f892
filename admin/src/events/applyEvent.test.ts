import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { expect, it } from "vitest";
import type { MessagingEvent } from "@messagerie/client/events";
import { applyEvent } from "./LiveUpdates";

it("fetches again a list whose first fetch was still running when a change was announced (its answer may predate it)", async () => {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const answers: Array<(page: string) => void> = [];
  const queryKey = ["conversations", "getList", { filter: { q: "relevé", status: "open" } }];
  const observer = new QueryObserver(queryClient, { queryKey, queryFn: () => new Promise<string>((resolve) => answers.push(resolve)) });
  const unsubscribe = observer.subscribe(() => undefined);
  try {
    await expect.poll(() => answers.length).toBe(1); // a new search's list, fetching its first page
    applyEvent(queryClient, { type: "message.created", conversationId: 9, message: { senderType: "PROFESSIONAL" } } as unknown as MessagingEvent);
    answers[0]("the page before the message");
    await expect.poll(() => answers.length).toBe(2);
    answers[1]("the page with the message");
    await expect.poll(() => observer.getCurrentResult().data).toBe("the page with the message");
  } finally {
    unsubscribe();
    queryClient.clear();
  }
});
