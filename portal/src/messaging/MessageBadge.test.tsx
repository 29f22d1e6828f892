import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { stubFetch } from "../test/fetchStub.ts";
import { TestProviders } from "../test/TestProviders.tsx";
import { MessageBadge } from "./MessageBadge.tsx";
import { POLL_MS_KEY, pollIntervalMs, useUnreadCount } from "./useUnreadCount.tsx";

function ReadButton() {
  const { setCount } = useUnreadCount();
  return <button onClick={() => setCount(0)}>lire</button>;
}

describe("MessageBadge", () => {
  it("polls the unread count and names it in words", async () => {
    let count = 0;
    stubFetch((call) => (call.path === "/api/messaging/unread-count" ? { body: { count } } : undefined));
    render(
      <TestProviders pollMs={50}>
        <MessageBadge />
      </TestProviders>,
    );

    expect(await screen.findByText(/aucun message non lu/)).toBeInTheDocument();
    count = 3;
    expect(await screen.findByText(/3 messages non lus/)).toBeInTheDocument();
    expect(screen.getByText("3")).toHaveAttribute("aria-hidden", "true");
  });

  it("takes a count another component reports at once", async () => {
    const user = userEvent.setup();
    stubFetch((call) => (call.path === "/api/messaging/unread-count" ? { body: { count: 1 } } : undefined));
    render(
      <TestProviders>
        <MessageBadge />
        <ReadButton />
      </TestProviders>,
    );

    expect(await screen.findByText(/1 message non lu/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "lire" }));
    expect(screen.getByText(/aucun message non lu/)).toBeInTheDocument();
  });

  it("polls every 30 s unless localStorage says otherwise", () => {
    expect(pollIntervalMs()).toBe(30_000);
    localStorage.setItem(POLL_MS_KEY, "1000");
    expect(pollIntervalMs()).toBe(1000);
    localStorage.setItem(POLL_MS_KEY, "nonsense");
    expect(pollIntervalMs()).toBe(30_000);
  });
});
