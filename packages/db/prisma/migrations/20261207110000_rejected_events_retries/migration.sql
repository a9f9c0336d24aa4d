-- A refused row can be retried once what refused it is fixed (say, the touchpoint it names has
-- been added); the row stays until a retry stores it, and records how often it was tried.
ALTER TABLE "rejected_events" ADD COLUMN "retries" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "rejected_events" ADD COLUMN "retried_at" TIMESTAMPTZ(3);
