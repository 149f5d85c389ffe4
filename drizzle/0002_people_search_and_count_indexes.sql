-- The trigram index on employee_no also served `employee_no = …` and `IN (…)`, and the planner chose
-- it over the unique btree during imports (seconds per batch). Index lower(employee_no) instead:
-- searches use it, equality look-ups can only use the btree.
DROP INDEX IF EXISTS people_employee_no_trgm_idx;
--> statement-breakpoint
CREATE INDEX people_employee_no_lower_trgm_idx ON people USING gin (lower(employee_no) gin_trgm_ops);
--> statement-breakpoint
-- Counting the active people of a scope without reading the table.
CREATE INDEX people_active_unit_idx ON people (unit_id) WHERE active;
