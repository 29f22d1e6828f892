import { postForm } from "@messagerie/client/attachments";
import { fetchUtils, HttpError } from "react-admin";

/**
 * fetchUtils.fetchJson, with the API's refusals in the admin's language: the error's message becomes the translation
 * key of its code (`app.errors.email_taken`…), each field's message the key of its field code
 * (`app.validation.too_long`…) — react-admin translates both where it shows them — and a lost connection is
 * `app.errors.network` (still a TypeError, which is how a send knows it may retry with the same key).
 */
export async function fetchApi(url: string, options: fetchUtils.Options = {}) {
  try {
    return await fetchUtils.fetchJson(url, options);
  } catch (error) {
    if (error instanceof HttpError && typeof error.body?.code === "string") throw translatedError(error.status, error.body);
    if (error instanceof TypeError) throw new TypeError("app.errors.network");
    throw error;
  }
}

/** A multipart form (a message with files), with the same errors as fetchApi; `onProgress` hears the upload (0…1). */
export async function sendForm<T>(url: string, form: FormData, headers: Record<string, string>, onProgress?: (fraction: number) => void): Promise<T> {
  const answer = await postForm(url, form, headers, onProgress).catch(() => {
    throw new TypeError("app.errors.network");
  });
  if (!answer.ok) throw translatedError(answer.status, answer.body);
  return answer.body as T;
}

/** A refusal's body as the HttpError react-admin shows: its code and its fields' codes as translation keys. */
export function translatedError(status: number, answer: unknown): HttpError {
  const body = (typeof answer === "object" && answer !== null ? answer : { code: status >= 500 ? "unavailable" : "internal" }) as {
    code: string; errors?: Record<string, string>; fields?: Record<string, string>;
  };
  // A field refused for a precise reason (an email already used) says that reason; a malformed one, what is wrong.
  const fieldKey = (field: string) => (body.code === "validation" ? `app.validation.${body.fields?.[field] ?? "invalid"}` : `app.errors.${body.code}`);
  const errors = body.errors && Object.fromEntries(Object.keys(body.errors).map((field) => [field, fieldKey(field)]));
  return new HttpError(`app.errors.${body.code}`, status, { ...body, ...(errors && { errors }) });
}
