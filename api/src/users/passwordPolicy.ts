import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";

// zxcvbn-ts with its common list (~50,000 passwords most seen in leaks, French ones such as "azerty123" among them),
// names and keyboard patterns: it estimates how many guesses a password takes, and so also sees "aaaaaaaa",
// "12345678" or "abcabcabc" for what they are.
const strength = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
/** zxcvbn's scale: 0–1 fall to an online attack in minutes to hours; 2 needs far more guesses than any limit allows. */
const MIN_SCORE = 2;

/** A password a person chooses: 8 to 200 characters, not only spaces, neither common nor trivial. */
export const newPasswordSchema = z
  .string({ message: "password is required" })
  .min(8, "at least 8 characters")
  .max(200, "at most 200 characters")
  .refine((password) => password.trim().length > 0, "must not be only spaces")
  .refine((password) => strength.check(password).score >= MIN_SCORE, "this password is too common or too easy to guess: choose another one");
