-- Full-text search in French, accent-insensitive, identical on PGlite and PostgreSQL: unaccent before the French
-- stemmer ("règlements" and "reglement" meet), and trigrams on subjects so that a typo still finds the ticket.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
ALTER TEXT SEARCH CONFIGURATION french_unaccent
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

-- Generated columns must say STORED: PGlite is PostgreSQL 18, where the default is virtual (and cannot be indexed).
ALTER TABLE "Conversation" ADD COLUMN "subjectVector" tsvector
  GENERATED ALWAYS AS (to_tsvector('french_unaccent'::regconfig, subject)) STORED;

ALTER TABLE "Message" ADD COLUMN "searchVector" tsvector
  GENERATED ALWAYS AS (to_tsvector('french_unaccent'::regconfig, content)) STORED;

-- CreateIndex
CREATE INDEX "Conversation_subjectVector_idx" ON "Conversation" USING GIN ("subjectVector");

-- CreateIndex
CREATE INDEX "Conversation_subject_trgm_idx" ON "Conversation" USING GIN ("subject" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Message_searchVector_idx" ON "Message" USING GIN ("searchVector");
