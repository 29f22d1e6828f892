import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { stubFetch, unreadCount } from "../test/fetchStub.ts";
import { conversation, minutesAgo } from "../test/fixtures.ts";
import { TestProviders } from "../test/TestProviders.tsx";
import { RatingForm } from "./RatingForm.tsx";

const closed = conversation({ id: 7, status: "closed", closedAt: minutesAgo(10) });

describe("the satisfaction question", () => {
  it("asks once a conversation is closed, sends the score and comment, and thanks", async () => {
    const { calls } = stubFetch((call) =>
      call.path === "/api/messaging/conversations/7/rating" ? { status: 201, body: { score: 4, comment: "Rapide", ratedAt: minutesAgo(0) } } : unreadCount(0)(call),
    );
    let rated: unknown = null;
    const { rerender } = render(
      <TestProviders>
        <RatingForm conversation={closed} onRated={(rating) => (rated = rating)} />
      </TestProviders>,
    );
    expect(screen.getByRole("heading", { name: "Êtes-vous satisfait de la réponse ?" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Envoyer mon avis" })).not.toBeInTheDocument();
    // (A click at 0,0 is MUI's sign of a keyboard "clear"; a pointer is somewhere.)
    fireEvent.click(screen.getByRole("radio", { name: "4 sur 5" }), { clientX: 10, clientY: 10 });
    await userEvent.type(screen.getByLabelText("Un commentaire ? (facultatif)"), "  Rapide ");
    await userEvent.click(screen.getByRole("button", { name: "Envoyer mon avis" }));
    expect(calls.find((call) => call.method === "POST")?.body).toEqual({ score: 4, comment: "Rapide" });
    expect(rated).toMatchObject({ score: 4 });

    rerender(
      <TestProviders>
        <RatingForm conversation={{ ...closed, rating: rated as never }} onRated={() => {}} />
      </TestProviders>,
    );
    expect(await screen.findByRole("status")).toHaveTextContent("Votre avis : 4 sur 5");
  });

  it("is not asked of an open conversation, nor again for a closing already rated; a new closing asks again", () => {
    stubFetch(unreadCount(0));
    const rating = { score: 5, comment: null, ratedAt: minutesAgo(5) };
    const { rerender } = render(
      <TestProviders>
        <RatingForm conversation={conversation({ id: 7, status: "open" })} onRated={() => {}} />
      </TestProviders>,
    );
    expect(screen.queryByText("Êtes-vous satisfait de la réponse ?")).not.toBeInTheDocument();
    rerender(
      <TestProviders>
        <RatingForm conversation={{ ...closed, rating }} onRated={() => {}} />
      </TestProviders>,
    );
    expect(screen.queryByText("Êtes-vous satisfait de la réponse ?")).not.toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Votre avis : 5 sur 5");
    rerender(
      <TestProviders>
        <RatingForm conversation={{ ...closed, closedAt: minutesAgo(1), rating }} onRated={() => {}} />
      </TestProviders>,
    );
    expect(screen.getByText("Êtes-vous satisfait de la réponse ?")).toBeInTheDocument();
  });
});
