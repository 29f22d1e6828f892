import { describe, expect, it } from "vitest";
import { en as adminEn } from "../../admin/src/i18n/en.ts";
import { fr as adminFr } from "../../admin/src/i18n/fr.ts";
import { en as portalEn } from "../../portal/src/i18n/en.ts";
import { fr as portalFr } from "../../portal/src/i18n/fr.ts";
import { ERROR_CODES, FIELD_CODES } from "../src/http/errors.ts";

/** Every code the API can answer is said in words, in French and English, by both apps. */
type Texts = Record<string, unknown>;
/** The console's messages are react-admin's loose tree: `app.errors` and `app.validation`. */
const consoleTexts = (messages: Texts) => {
  const app = messages.app as Texts;
  return [app.errors as Texts, app.validation as Texts] as const;
};

describe("error codes in both apps", () => {
  it("are all translated", () => {
    for (const [name, errors, fields] of [
      ["admin fr", ...consoleTexts(adminFr)],
      ["admin en", ...consoleTexts(adminEn)],
      ["portal fr", portalFr.errors, portalFr.fieldErrors],
      ["portal en", portalEn.errors, portalEn.fieldErrors],
    ] as const) {
      expect(ERROR_CODES.filter((code) => typeof (errors as Record<string, unknown>)[code] !== "string"), name).toEqual([]);
      expect(FIELD_CODES.filter((code) => typeof (fields as Record<string, unknown>)[code] !== "string"), name).toEqual([]);
      expect(typeof (errors as Record<string, unknown>).network, name).toBe("string");
    }
  });
});
