import { describe, expect, it } from "vitest";
import { endOfLocalDay, filtersForTab, notBlank, startOfLocalDay, tabOf } from "./conversationModel";

describe("quick tabs", () => {
  it("replace status and unread-only, and keep the other filters", () => {
    const current = { q: "facture", professionalId: 3, status: "open", unreadOnly: true };
    expect(filtersForTab(current, "closed")).toEqual({ q: "facture", professionalId: 3, status: "closed" });
    expect(filtersForTab(current, "unread")).toEqual({ q: "facture", professionalId: 3, unreadOnly: true });
    expect(filtersForTab(current, "all")).toEqual({ q: "facture", professionalId: 3 });
  });

  it("light up the tab whose preset the filters are exactly, and none for a combination", () => {
    expect(tabOf({ status: "open" })).toBe("open");
    expect(tabOf({ status: "closed", q: "x" })).toBe("closed");
    expect(tabOf({ unreadOnly: true })).toBe("unread");
    expect(tabOf({ unreadOnly: false })).toBe("all");
    expect(tabOf({})).toBe("all");
    expect(tabOf({ status: "open", unreadOnly: true })).toBe(false);
    expect(tabOf({ status: "open", assigned: "me" })).toBe("mine");
    expect(tabOf({ status: "open", assigned: "none", q: "x" })).toBe("unassigned");
    expect(tabOf({ waitingOn: "ADMIN" })).toBe("todo");
    expect(tabOf({ waitingOn: "PROFESSIONAL" })).toBe("waiting_pro");
    // An admin picked in the "Assigné à" filter is a filter like a category, not a tab.
    expect(tabOf({ adminId: 3 })).toBe("all");
    expect(filtersForTab({ status: "open", assigned: "me", categoryId: 2 }, "todo")).toEqual({ categoryId: 2, waitingOn: "ADMIN" });
  });
});

describe("last-activity range", () => {
  it("starts at the local day's first instant and ends at its last", () => {
    expect(startOfLocalDay("2024-05-10")).toBe(new Date(2024, 4, 10, 0, 0, 0, 0).toISOString());
    expect(endOfLocalDay("2024-05-10")).toBe(new Date(2024, 4, 10, 23, 59, 59, 999).toISOString());
  });

  it("clears the bound when the date is emptied", () => {
    expect(startOfLocalDay("")).toBeNull();
    expect(endOfLocalDay("")).toBeNull();
  });
});

describe("notBlank", () => {
  it("flags text made only of whitespace, and leaves empty text to required()", () => {
    expect(notBlank(" \n\t")).toBe("ra.validation.required");
    expect(notBlank("")).toBeUndefined();
    expect(notBlank(" ok ")).toBeUndefined();
  });
});

describe("waiting time", () => {
  it("reads as support teams say it", async () => {
    const { waitingDuration } = await import("./TriageFields");
    const now = Date.parse("2026-12-02T12:00:00Z");
    const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
    expect(waitingDuration(ago(0.5), now)).toEqual({ key: "app.waiting.now", n: 0 });
    expect(waitingDuration(ago(42), now)).toEqual({ key: "app.waiting.minutes", n: 42 });
    expect(waitingDuration(ago(185), now)).toEqual({ key: "app.waiting.hours", n: 3 });
    expect(waitingDuration(ago(3 * 24 * 60 + 5), now)).toEqual({ key: "app.waiting.days", n: 3 });
  });
});
