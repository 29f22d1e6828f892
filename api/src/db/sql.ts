/**
 * A `timestamp(3)` column (stored in UTC) as the API writes every date: ISO 8601 with milliseconds and `Z`, exactly
 * what `JSON.stringify(new Date())` gives — so that rows built as JSON by PostgreSQL read like rows mapped in
 * JavaScript. NULL stays NULL.
 */
export const isoTimestamp = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
