-- The compliance matrix reads every obligation of a year: a covering index lets it do so without
-- touching the table (an index-only scan instead of a sequential scan over obligations).
CREATE INDEX obligations_year_reserve_cov_idx ON obligations (cycle_year, reserve_id) INCLUDE (rule_key, due_date, state);
--> statement-breakpoint
-- Overdue lists and counts look only at open work: a partial index in due-date order serves both.
CREATE INDEX obligations_open_due_idx ON obligations (due_date, id) WHERE state IN ('open', 'returned');
