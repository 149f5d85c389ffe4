-- Overdue lists page through open work in due-date order (then by reserve, so one person's overdue
-- items sit together), and their counts join it to reserves: the partial index carries the reserve,
-- rule and state, so both the page and the count are index scans (the count was a sequential scan
-- over obligations at the M tier).
DROP INDEX IF EXISTS obligations_open_due_idx;
--> statement-breakpoint
CREATE INDEX obligations_open_due_idx ON obligations (due_date, reserve_id, id) INCLUDE (rule_key, state) WHERE state IN ('open', 'returned');
