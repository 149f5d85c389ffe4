-- The identity index, led by (reserve_id, cycle_year), carries what the compliance matrix reads
-- (due date and state; the rule key is a key column), so the matrix is an index-only scan of it and
-- the separate covering index (cycle_year, reserve_id) INCLUDE (…) — one more index to maintain on
-- every inserted obligation — goes. Schedule generation inserts a province's year at once.
DROP INDEX IF EXISTS obligations_identity_uq;
--> statement-breakpoint
CREATE UNIQUE INDEX obligations_identity_uq ON obligations (reserve_id, cycle_year, rule_key, period_key, actor_key) INCLUDE (due_date, state);
--> statement-breakpoint
DROP INDEX IF EXISTS obligations_year_reserve_cov_idx;
