import { en } from "./en";
import { fr } from "./fr";

/**
 * A key of the console's messages, as react-admin's i18nProvider would say it, for what shows before react-admin is
 * there (the sign-in form of a cold visit). No interpolation or plurals: those texts need none. An unknown key is
 * said as itself, as react-admin does.
 */
export const translator = (locale: string) => (key: string) => {
  let value: unknown = locale === "en" ? en : fr;
  for (const part of key.split(".")) value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  return typeof value === "string" ? value : key;
};
