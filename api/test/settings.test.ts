import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSettings, SettingsError } from "../src/settings.ts";

const tempDir = () => mkdtempSync(path.join(tmpdir(), "messagerie-settings-"));

describe("settings", () => {
  it("requires JWT_SECRET in production, with a clear message", () => {
    expect(() => loadSettings({ NODE_ENV: "production", DATA_DIR: tempDir() })).toThrow(SettingsError);
    expect(() => loadSettings({ NODE_ENV: "production", DATA_DIR: tempDir() })).toThrow(/JWT_SECRET is required/);
    const secret = "s".repeat(40);
    expect(loadSettings({ NODE_ENV: "production", JWT_SECRET: secret, DATA_DIR: tempDir() }).jwtSecret).toBe(secret);
  });

  it("creates a development secret once in DATA_DIR and keeps it", () => {
    const dir = tempDir();
    const first = loadSettings({ DATA_DIR: dir });
    const second = loadSettings({ DATA_DIR: dir });
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.jwtSecret).toBe(first.jwtSecret);
    expect(readFileSync(path.join(dir, "jwt-secret"), "utf8").trim()).toBe(first.jwtSecret);
    expect(loadSettings({ DATA_DIR: tempDir() }).jwtSecret).not.toBe(first.jwtSecret);
  });

  it("reads business hours and holidays, and refuses what is not one", () => {
    expect(loadSettings({ DATA_DIR: tempDir(), BUSINESS_HOURS: "Europe/Paris mon-fri 09:00-18:00", HOLIDAYS: "2026-12-25, 2027-01-01" }).businessHours).toEqual({
      timeZone: "Europe/Paris", days: [1, 2, 3, 4, 5], opens: "09:00", closes: "18:00", holidays: ["2026-12-25", "2027-01-01"],
    });
    expect(loadSettings({ DATA_DIR: tempDir(), BUSINESS_HOURS: "UTC mon,wed,sat 08:30-12:00" }).businessHours?.days).toEqual([1, 3, 6]);
    expect(loadSettings({ DATA_DIR: tempDir(), BUSINESS_HOURS: "" }).businessHours).toBeUndefined();
    for (const [hours, holidays, problem] of [
      ["Mars/Olympus mon-fri 09:00-18:00", "", /unknown time zone/],
      ["Europe/Paris fri-mon 09:00-18:00", "", /days must be/],
      ["Europe/Paris mon-fri 18:00-09:00", "", /hours must be/],
      ["Europe/Paris mon-fri", "", /must look like/],
      ["Europe/Paris mon-fri 09:00-18:00", "Noël", /HOLIDAYS must be ISO dates/],
      // Passed start-up, then every /api/stats answered 400: ICU knows the retired alias, PostgreSQL does not.
      ["US/Pacific-New mon-fri 09:00-18:00", "", /unknown time zone "US\/Pacific-New"/],
      // Date.parse rolls it over to 2 March.
      ["Europe/Paris mon-fri 09:00-18:00", "2026-12-25,2026-02-30", /HOLIDAYS must be ISO dates.*2026-02-30/],
    ] as const) {
      expect(() => loadSettings({ DATA_DIR: tempDir(), BUSINESS_HOURS: hours, HOLIDAYS: holidays })).toThrow(problem);
    }
  });

  it("lists every invalid variable at once", () => {
    try {
      loadSettings({ PORT: "http", DATABASE_URL: "mysql://x", JWT_SECRET: "short", DATA_DIR: tempDir() });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SettingsError);
      const message = (error as Error).message;
      for (const variable of ["PORT", "DATABASE_URL", "JWT_SECRET"]) expect(message).toContain(variable);
    }
  });

  it("treats empty DATABASE_URL and REDIS_URL as unset and splits CORS_ORIGINS", () => {
    const settings = loadSettings({ DATABASE_URL: "", REDIS_URL: "", CORS_ORIGINS: "https://a.example, https://b.example", DATA_DIR: tempDir() });
    expect(settings.databaseUrl).toBeUndefined();
    expect(settings.redisUrl).toBeUndefined();
    expect(settings.corsOrigins).toEqual(["https://a.example", "https://b.example"]);
  });
});
