-- The references of obligations, checked once per statement instead of once per row: schedule
-- generation inserts a province's year (170 000 obligations) in one statement, and the four
-- row-level foreign-key checks it replaced made up a third of that work. The trigger sees every
-- inserted or updated row at once (a transition table) and refuses the statement when any of them
-- names a reserve, programme version, person or user that does not exist.
CREATE FUNCTION obligations_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM changed n WHERE NOT EXISTS (SELECT 1 FROM reserves r WHERE r.id = n.reserve_id))
     OR EXISTS (SELECT 1 FROM changed n
                 WHERE NOT EXISTS (SELECT 1 FROM programme_versions v WHERE v.id = n.programme_version_id))
     OR EXISTS (SELECT 1 FROM changed n
                 WHERE n.actor_person_id IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = n.actor_person_id))
     OR EXISTS (SELECT 1 FROM changed n
                 WHERE n.waived_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = n.waived_by))
  THEN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
      MESSAGE = 'an obligation refers to a reserve, programme version, person or user that does not exist';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER obligations_references_on_insert AFTER INSERT ON obligations
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION obligations_check_references();
--> statement-breakpoint
CREATE TRIGGER obligations_references_on_update AFTER UPDATE ON obligations
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION obligations_check_references();
--> statement-breakpoint
-- The other side: a referenced row cannot go while obligations name it. Reserves, people and users
-- are never deleted by the application (other foreign keys hold them too); a programme version is
-- (a discarded draft), so it is guarded here.
CREATE FUNCTION programme_versions_refuse_referenced_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM obligations o WHERE o.programme_version_id = OLD.id) THEN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
      MESSAGE = 'obligations still refer to this programme version';
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER programme_versions_referenced_delete BEFORE DELETE ON programme_versions
  FOR EACH ROW EXECUTE FUNCTION programme_versions_refuse_referenced_delete();
