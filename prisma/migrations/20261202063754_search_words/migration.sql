-- DropIndex
DROP INDEX "Conversation_subject_trgm_idx";

-- CreateTable
CREATE TABLE "SearchWord" (
    "word" TEXT NOT NULL,

    CONSTRAINT "SearchWord_pkey" PRIMARY KEY ("word")
);

-- CreateIndex
CREATE INDEX "SearchWord_word_idx" ON "SearchWord" USING GIN ("word" gin_trgm_ops);

-- The words of a subject, as search corrects them: unaccented, lowercased (the "simple" configuration), at least three
-- characters, not only digits ("n°41601" gives nothing).
CREATE FUNCTION search_words_of(subject text) RETURNS SETOF text LANGUAGE sql STABLE AS $$
  SELECT DISTINCT word FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, unaccent(subject)))) AS word
  WHERE length(word) >= 3 AND word !~ '^[0-9]+$'
$$;

-- Kept by PostgreSQL whatever writes a subject: a new word is added once, concurrent writers never conflict.
CREATE FUNCTION search_words_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SearchWord" (word) SELECT search_words_of(NEW.subject) ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Conversation_search_words" AFTER INSERT OR UPDATE OF subject ON "Conversation"
  FOR EACH ROW EXECUTE FUNCTION search_words_keep();

-- What existing subjects already say.
INSERT INTO "SearchWord" (word) SELECT DISTINCT search_words_of(subject) FROM "Conversation" ON CONFLICT DO NOTHING;
