-- Tokens are now checked against a per-account generation instead of a date (tokens carry whole seconds, the date
-- milliseconds: a token issued in the same second as a reactivation was refused). An account deactivated before keeps
-- its old tokens refused: they carry no generation (0), it starts at 1.
ALTER TABLE "User" ADD COLUMN "tokenGeneration" INTEGER NOT NULL DEFAULT 0;
UPDATE "User" SET "tokenGeneration" = 1 WHERE "tokensValidAfter" IS NOT NULL;
ALTER TABLE "User" DROP COLUMN "tokensValidAfter";
