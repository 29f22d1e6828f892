import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";

// zxcvbn-ts's list of ~50,000 passwords most seen in leaks (French ones such as "azerty123" among them).
const common = new Set(dictionary["passwords-common"]);

/** A password a person chooses: 8 to 200 characters, not only spaces, not one of the most common ones. */
export const newPasswordSchema = z
  .string({ message: "password is required" })
  .min(8, "at least 8 characters")
  .max(200, "at most 200 characters")
  .refine((password) => password.trim().length > 0, "must not be only spaces")
  .refine((password) => !common.has(password.toLowerCase()), "this password is too common: choose another one");
