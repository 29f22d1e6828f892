import { Prisma } from "./generated/prisma/client.ts";

/**
 * The app's clock. Without one, writes are dated by the database's clock once they hold the conversation's lock (so
 * one conversation's messages are dated in the order they were written); tests pass one to set times exactly.
 */
export type Clock = () => Date;

/** An instant as SQL, as the columns hold it: a UTC timestamp without zone. */
export const utcSql = (date: Date) => Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

/** "Now" as SQL (a UTC timestamp): the given clock's reading, or the database's. */
export const nowSql = (clock?: Clock) => (clock ? utcSql(clock()) : Prisma.sql`(clock_timestamp() AT TIME ZONE 'UTC')`);
