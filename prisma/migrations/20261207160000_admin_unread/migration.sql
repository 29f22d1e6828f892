-- The admins' unread badge, kept beside the counters it sums instead of recounted after every write: summing
-- "unreadByAdmin" over every conversation took 2–30 ms and more than half of the database's time under read marks.
-- A trigger keeps it in the statement that changes a conversation's counter, whichever statement that is; it is
-- spread over 32 rows (by conversation id) so that concurrent writes seldom wait for the same row.
CREATE TABLE "AdminUnread" (
  "shard" INTEGER NOT NULL PRIMARY KEY,
  "count" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "AdminUnread" ("shard", "count") SELECT shard, 0 FROM generate_series(0, 31) shard;
UPDATE "AdminUnread" a SET "count" = kept.n
  FROM (SELECT id % 32 AS shard, sum("unreadByAdmin")::int AS n FROM "Conversation" GROUP BY 1) kept
  WHERE a."shard" = kept.shard;

CREATE FUNCTION admin_unread_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE "AdminUnread" SET "count" = 0;
  ELSIF TG_OP = 'INSERT' THEN
    IF NEW."unreadByAdmin" <> 0 THEN
      UPDATE "AdminUnread" SET "count" = "count" + NEW."unreadByAdmin" WHERE "shard" = NEW.id % 32;
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF OLD."unreadByAdmin" <> 0 THEN
      UPDATE "AdminUnread" SET "count" = "count" - OLD."unreadByAdmin" WHERE "shard" = OLD.id % 32;
    END IF;
  ELSIF NEW."unreadByAdmin" <> OLD."unreadByAdmin" OR NEW.id <> OLD.id THEN
    UPDATE "AdminUnread" SET "count" = "count" - OLD."unreadByAdmin" WHERE "shard" = OLD.id % 32;
    UPDATE "AdminUnread" SET "count" = "count" + NEW."unreadByAdmin" WHERE "shard" = NEW.id % 32;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Conversation_admin_unread" AFTER INSERT OR DELETE OR UPDATE OF "unreadByAdmin", id ON "Conversation"
  FOR EACH ROW EXECUTE FUNCTION admin_unread_keep();
CREATE TRIGGER "Conversation_admin_unread_truncate" AFTER TRUNCATE ON "Conversation"
  FOR EACH STATEMENT EXECUTE FUNCTION admin_unread_keep();
