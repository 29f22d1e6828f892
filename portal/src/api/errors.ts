import type { Messages } from "../i18n/fr.ts";
import { ApiError } from "./client.ts";

/** What to tell the pro about a failed call, in his language: by the API's code, or the lost connection. */
export function errorText(t: Messages, error: unknown): string {
  if (error instanceof TypeError) return t.errors.network;
  if (!(error instanceof ApiError)) return t.errors.internal;
  return (t.errors as Record<string, string>)[error.code] ?? (error.status >= 500 ? t.errors.unavailable : t.errors.internal);
}

/** What is wrong with one field of a refused form, translated from its code; undefined when the field is fine. */
export function fieldText(t: Messages, error: ApiError | null, field: string): string | undefined {
  const code = error?.fields[field];
  if (!error || (!code && !error.errors[field])) return undefined;
  // A field refused for a precise reason says that reason; a malformed one, what is wrong with it.
  if (error.code !== "validation") return errorText(t, error);
  return (t.fieldErrors as Record<string, string>)[code ?? "invalid"] ?? t.fieldErrors.invalid;
}
