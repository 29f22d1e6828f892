import { z } from "zod";
import { idsFilter, idValue, listQuery } from "../http/simpleRest.ts";

export const listMessagesQuery = listQuery({
  filter: z.object({ conversationId: idValue("conversationId").optional(), id: idsFilter }),
  sortFields: ["id", "createdAt"],
  defaultSort: ["createdAt", "ASC"],
});
export type ListMessagesQuery = z.infer<typeof listMessagesQuery>;
