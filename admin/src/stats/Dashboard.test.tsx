import { render, screen } from "@testing-library/react";
import { AdminContext, memoryStore } from "react-admin";
import { describe, expect, it } from "vitest";
import { i18nProvider } from "../i18n/i18nProvider";
import { DurationCard } from "./Dashboard";

const card = (count: number) =>
  render(
    <AdminContext i18nProvider={i18nProvider} store={memoryStore()}>
      <DurationCard
        label="app.dashboard.first_response"
        summary={{ count, median: 3600, p90: 7200, mean: 4000 }}
        duration={(seconds) => `${(seconds ?? 0) / 3600} h`}
        unit="app.dashboard.measured"
      />
    </AdminContext>,
  );

describe("a duration card", () => {
  it("says '9 sur 10' of ten tickets or more, and only the count below", () => {
    const { unmount } = card(10);
    expect(screen.getByText("9 sur 10 en moins de 2 h")).toBeInTheDocument();
    expect(screen.getByText("sur 10 tickets")).toBeInTheDocument();
    unmount();
    card(9);
    expect(screen.queryByText(/9 sur 10/)).not.toBeInTheDocument();
    expect(screen.getByText("sur 9 tickets")).toBeInTheDocument();
  });
});
