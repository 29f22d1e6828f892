// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MessageText } from "./MessageText.tsx";

describe("MessageText", () => {
  it("makes links clickable in a new tab, keeps line breaks and never renders HTML", () => {
    const { container } = render(<MessageText>{"Votre facture : https://exemple.fr/factures?id=3\n<script>alert(1)</script> et www.aide.fr"}</MessageText>);
    const link = screen.getByRole("link", { name: "https://exemple.fr/factures?id=3" });
    expect(link.getAttribute("href")).toBe("https://exemple.fr/factures?id=3");
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toBe("noopener noreferrer nofollow");
    expect(screen.getByRole("link", { name: "www.aide.fr" }).getAttribute("href")).toBe("https://www.aide.fr");
    expect(container.querySelector("script")).toBeNull();
    expect(container.textContent).toContain("<script>alert(1)</script>");
    expect(container.textContent).toContain("\n");
    expect(container.firstElementChild?.getAttribute("dir")).toBe("auto");
  });
});
