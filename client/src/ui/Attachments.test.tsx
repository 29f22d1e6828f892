// @vitest-environment jsdom
import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fileProblems, formatSize, namedPaste, DEFAULT_LIMITS } from "../attachments.ts";
import type { Attachment } from "../types.ts";
import { AttachmentList, useFreshLinks, type AttachmentTexts } from "./Attachments.tsx";

const texts: AttachmentTexts = {
  locale: "fr", attach: "Joindre", remove: (name) => `Retirer ${name}`, open: (name) => `Agrandir ${name}`, download: "Télécharger",
  close: "Fermer", dropHere: "Déposez", uploading: "Envoi", problem: ({ kind, name }) => `${kind} ${name}`,
};
const link = (id: number, expires: number, variant = "") => `/api/attachments/${id}${variant}?expires=${expires}&signature=s${expires}`;
const image = (expires: number): Attachment => ({
  id: 7, filename: "capture.png", contentType: "image/png", size: 2048, width: 640, height: 360, url: link(7, expires), thumbnailUrl: link(7, expires, "/thumbnail"),
});

afterEach(() => vi.useRealTimers());

describe("attachments in a thread", () => {
  it("shows an image as its thumbnail, opens it full size, and keeps it open with the links of a refreshed thread", () => {
    const first = image(1000);
    const pdf: Attachment = { id: 8, filename: "facture.pdf", contentType: "application/pdf", size: 1_300_000, url: link(8, 1000) };
    const view = render(<AttachmentList attachments={[first, pdf]} texts={texts} />);
    expect(screen.getByRole("img", { name: "capture.png" }).getAttribute("src")).toBe(first.thumbnailUrl);
    const download = screen.getByRole("link", { name: "Télécharger facture.pdf" });
    expect(download.getAttribute("href")).toBe(pdf.url);
    expect(download.textContent).toBe("facture.pdf · 1,2\u202fMo");
    fireEvent.click(screen.getByRole("button", { name: "Agrandir capture.png" }));
    const dialog = screen.getByRole("dialog");
    expect(dialog.querySelector("img")?.getAttribute("src")).toBe(first.url);
    view.rerender(<AttachmentList attachments={[image(2000), pdf]} texts={texts} />);
    expect(screen.getByRole("dialog").querySelector("img")?.getAttribute("src")).toBe(link(7, 2000));
  });

  it("reloads the thread a minute before its first link expires, and not before", () => {
    vi.useFakeTimers({ now: new Date("2026-12-02T10:00:00Z") });
    const refresh = vi.fn();
    const expires = Date.parse("2026-12-02T10:10:30Z") / 1000;
    function Thread() {
      useFreshLinks([{ attachments: [] }, { attachments: [image(expires + 300)] }, { attachments: [image(expires)] }], refresh);
      return null;
    }
    render(<Thread />);
    act(() => vi.advanceTimersByTime(9 * 60_000 + 29_000));
    expect(refresh).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(2_000));
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("checks files before they are sent: type by extension or browser type, size, count", () => {
    const file = (name: string, type: string, size = 10) => ({ name, type, size });
    expect(fileProblems([file("a.png", "image/png"), file("b.PDF", ""), file("c.csv", "text/csv")], DEFAULT_LIMITS)).toEqual([]);
    expect(fileProblems([file("logo.svg", "image/svg+xml"), file("big.pdf", "application/pdf", 10 * 1024 * 1024 + 1)], DEFAULT_LIMITS)).toEqual([
      { kind: "type", name: "logo.svg" },
      { kind: "too_large", name: "big.pdf" },
    ]);
    expect(fileProblems(Array.from({ length: 6 }, (_, i) => file(`${i}.txt`, "text/plain")), DEFAULT_LIMITS)).toEqual([{ kind: "too_many", name: "" }]);
    expect(formatSize(850 * 1024, "fr")).toBe("850\u202fko");
    expect(formatSize(1_300_000, "en")).toBe("1.2 MB");
    const pasted = namedPaste(new File(["x"], "image.png", { type: "image/png" }), new Date(2026, 11, 2, 9, 5));
    expect(pasted.name).toBe("capture-2026-12-02-0905.png");
  });
});
