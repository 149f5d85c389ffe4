-- The audit log is append-only: the database itself refuses to change or remove entries.
CREATE OR REPLACE FUNCTION houbei_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION houbei_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION houbei_audit_append_only();
--> statement-breakpoint
-- Unit heads and deputies are people; people belong to units. Deferred, so that a restore can load
-- units before people inside one transaction.
ALTER TABLE org_units ADD CONSTRAINT org_units_head_person_fk FOREIGN KEY (head_person_id)
  REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
ALTER TABLE org_unit_deputies ADD CONSTRAINT org_unit_deputies_person_fk FOREIGN KEY (person_id)
  REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
-- Substring search on names and employee numbers without a sequential scan.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX people_name_trgm_idx ON people USING gin (name gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX people_employee_no_trgm_idx ON people USING gin (employee_no gin_trgm_ops);
