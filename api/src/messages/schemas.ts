import { z } from "zod";
import { idsFilter, listQuery } from "../http/simpleRest.ts";

export const listMessagesQuery = listQuery({
  filter: z.object({ conversationId: z.coerce.number().int().positive().optional(), id: idsFilter }),
  sortFields: ["id", "createdAt"],
  defaultSort: ["createdAt", "ASC"],
});
export type ListMessagesQuery = z.infer<typeof listMessagesQuery>;
