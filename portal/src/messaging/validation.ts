export type TextProblem = "required" | "tooLong";

/** What the API would refuse in a text field: blank, or longer than `max` characters. */
export function textProblem(value: string, max: number): TextProblem | null {
  if (value.length > max) return "tooLong";
  if (value.trim() === "") return "required";
  return null;
}

/**
 * The message to show under a field now: "too long" as soon as it happens, "required" only once the user
 * tried to send.
 */
export function problemMessage(
  value: string,
  max: number,
  submitted: boolean,
  messages: Record<TextProblem, string>,
): string | undefined {
  const problem = textProblem(value, max);
  if (problem === "tooLong" || (problem && submitted)) return messages[problem];
  return undefined;
}
