import { act, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { SessionProvider, useSession } from "./SessionContext.tsx";

let signOut: ReturnType<typeof useSession>["signOut"];
let signIn: ReturnType<typeof useSession>["signIn"];
function Probe() {
  const session = useSession();
  signOut = session.signOut;
  signIn = session.signIn;
  return <p>{session.disabled ? "disabled" : session.expired ? "expired" : "none"}</p>;
}
const mount = () => render(<SessionProvider><Probe /></SessionProvider>);
afterEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});

describe("the session's end", () => {
  it("is remembered across a reload of the tab: a deactivated account is still told after it", () => {
    const first = mount();
    act(() => signOut({ disabled: true }));
    // The stream's refusal, which cannot say why, comes after: the deactivation stays what is told.
    act(() => signOut({ expired: true }));
    expect(screen.getByText("disabled")).toBeInTheDocument();
    first.unmount();
    mount();
    expect(screen.getByText("disabled")).toBeInTheDocument();
  });

  it("is forgotten by a new sign-in and by a plain logout", () => {
    const first = mount();
    act(() => signOut({ expired: true }));
    expect(screen.getByText("expired")).toBeInTheDocument();
    act(() => signIn({ token: "t", user: { id: 2, name: "Paul", email: "p@x", role: "PROFESSIONAL", active: true, createdAt: "", updatedAt: "" } }));
    expect(screen.getByText("none")).toBeInTheDocument();
    act(() => signOut());
    first.unmount();
    mount();
    expect(screen.getByText("none")).toBeInTheDocument();
  });
});
