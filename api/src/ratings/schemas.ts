import { z } from "zod";

export const rateSchema = z.object({
  score: z
    .number({ message: "score must be a number from 1 to 5" })
    .int("score must be a whole number from 1 to 5")
    .min(1, "score must be from 1 to 5")
    .max(5, "score must be from 1 to 5"),
  comment: z
    .string({ message: "comment must be text" })
    .trim()
    .max(2000, "comment must be at most 2,000 characters")
    .transform((text) => text || null)
    .nullable()
    .optional(),
});
export type RateInput = z.infer<typeof rateSchema>;

export const ratingJsonSchema = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().nullable(),
  ratedAt: z.string().describe("ISO 8601"),
});
