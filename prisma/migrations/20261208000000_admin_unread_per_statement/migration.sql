-- The admins' unread badge kept once per statement rather than once per row: a statement that changed many
-- conversations' counters (a backfill, a bulk close, bench:data's 500,000) updated the same 32 shard rows again and
-- again in one transaction, each update walking the versions the previous ones left — minutes, growing with the
-- square of the rows. Each statement now sums its changes per shard from its transition tables and updates each
-- shard it changed once, in shard order (two statements never wait for each other's shards in opposite orders).
DROP TRIGGER "Conversation_admin_unread" ON "Conversation";
DROP TRIGGER "Conversation_admin_unread_truncate" ON "Conversation";
DROP FUNCTION admin_unread_keep();

CREATE FUNCTION admin_unread_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  shards INTEGER[];
  deltas INTEGER[];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE "AdminUnread" SET "count" = 0;
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(shard ORDER BY shard), array_agg(delta ORDER BY shard) INTO shards, deltas
    FROM (SELECT id % 32 AS shard, sum("unreadByAdmin")::int AS delta FROM new_rows GROUP BY 1) changes WHERE delta <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(shard ORDER BY shard), array_agg(delta ORDER BY shard) INTO shards, deltas
    FROM (SELECT id % 32 AS shard, -sum("unreadByAdmin")::int AS delta FROM old_rows GROUP BY 1) changes WHERE delta <> 0;
  ELSE
    SELECT array_agg(shard ORDER BY shard), array_agg(delta ORDER BY shard) INTO shards, deltas
    FROM (
      SELECT shard, sum(delta)::int AS delta FROM (
        SELECT id % 32 AS shard, "unreadByAdmin" AS delta FROM new_rows
        UNION ALL SELECT id % 32, -"unreadByAdmin" FROM old_rows
      ) rows GROUP BY 1
    ) changes WHERE delta <> 0;
  END IF;
  IF shards IS NULL THEN
    RETURN NULL; -- no counter changed (most updates: a status, a subject, a preview)
  END IF;
  PERFORM 1 FROM "AdminUnread" WHERE "shard" = ANY (shards) ORDER BY "shard" FOR UPDATE;
  UPDATE "AdminUnread" a SET "count" = a."count" + u.delta FROM unnest(shards, deltas) AS u(shard, delta) WHERE a."shard" = u.shard;
  RETURN NULL;
END $$;

CREATE TRIGGER "Conversation_admin_unread_insert" AFTER INSERT ON "Conversation"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_unread_apply();
CREATE TRIGGER "Conversation_admin_unread_update" AFTER UPDATE ON "Conversation"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_unread_apply();
CREATE TRIGGER "Conversation_admin_unread_delete" AFTER DELETE ON "Conversation"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_unread_apply();
CREATE TRIGGER "Conversation_admin_unread_truncate" AFTER TRUNCATE ON "Conversation"
  FOR EACH STATEMENT EXECUTE FUNCTION admin_unread_apply();
