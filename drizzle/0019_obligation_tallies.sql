CREATE TABLE "obligation_tallies" (
	"programme_id" uuid NOT NULL,
	"cycle_year" integer NOT NULL,
	"anchor_unit_id" uuid NOT NULL,
	"rule_key" text NOT NULL,
	"due_date" date NOT NULL,
	"state" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
DROP INDEX "obligations_year_rule_idx";--> statement-breakpoint
CREATE INDEX "obligation_tallies_programme_year_idx" ON "obligation_tallies" USING btree ("programme_id","cycle_year");--> statement-breakpoint
-- The anchor of a unit (see obligation_tallies): the unit itself when it is a root or a root's
-- child, else the root's child it lies under — the second id of its path '/root/child/…/'.
CREATE FUNCTION tally_anchor(path text) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(nullif(split_part(path, '/', 3), ''), split_part(path, '/', 2))::uuid
$$;
--> statement-breakpoint
-- Obligations added or removed: their counts, by the reserve's programme and anchor, if it is active.
-- Schedule generation inserts a year for thousands of reserves from one plan, and counts and checks
-- that insert itself from the plan (reserves × plan rows, a thousandth of the rows): it says so for
-- the one statement with the transaction-local setting houbei.generated_from_plan.
CREATE FUNCTION obligation_tallies_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('houbei.generated_from_plan', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO obligation_tallies (programme_id, cycle_year, anchor_unit_id, rule_key, due_date, state, n)
  SELECT r.programme_id, o.cycle_year, tally_anchor(u.path), o.rule_key, o.due_date, o.state, count(*)::int
    FROM added o
    JOIN reserves r ON r.id = o.reserve_id AND r.state = 'active'
    JOIN people p ON p.id = r.person_id
    JOIN org_units u ON u.id = p.unit_id
   GROUP BY 1, 2, 3, 4, 5, 6;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION obligation_tallies_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO obligation_tallies (programme_id, cycle_year, anchor_unit_id, rule_key, due_date, state, n)
  SELECT r.programme_id, o.cycle_year, tally_anchor(u.path), o.rule_key, o.due_date, o.state, -count(*)::int
    FROM removed o
    JOIN reserves r ON r.id = o.reserve_id AND r.state = 'active'
    JOIN people p ON p.id = r.person_id
    JOIN org_units u ON u.id = p.unit_id
   GROUP BY 1, 2, 3, 4, 5, 6;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Obligations changed: only a change of state, due date, rule, year or reserve moves a count (a
-- note or the progress of evidence does not).
CREATE FUNCTION obligation_tallies_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO obligation_tallies (programme_id, cycle_year, anchor_unit_id, rule_key, due_date, state, n)
  SELECT r.programme_id, x.cycle_year, tally_anchor(u.path), x.rule_key, x.due_date, x.state, sum(x.d)::int
    FROM (SELECT o.reserve_id, o.cycle_year, o.rule_key, o.due_date, o.state, -1 AS d
            FROM before_rows o JOIN after_rows n ON n.id = o.id
           WHERE (o.reserve_id, o.cycle_year, o.rule_key, o.due_date, o.state)
                 IS DISTINCT FROM (n.reserve_id, n.cycle_year, n.rule_key, n.due_date, n.state)
          UNION ALL
          SELECT n.reserve_id, n.cycle_year, n.rule_key, n.due_date, n.state, 1 AS d
            FROM before_rows o JOIN after_rows n ON n.id = o.id
           WHERE (o.reserve_id, o.cycle_year, o.rule_key, o.due_date, o.state)
                 IS DISTINCT FROM (n.reserve_id, n.cycle_year, n.rule_key, n.due_date, n.state)) x
    JOIN reserves r ON r.id = x.reserve_id AND r.state = 'active'
    JOIN people p ON p.id = r.person_id
    JOIN org_units u ON u.id = p.unit_id
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(x.d) <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A reserve that becomes or stops being active, or changes programme or person, takes its
-- obligations' counts with it. Row triggers whose WHEN is checked before any function runs: the
-- everyday updates of reserves, people (a roster import updates them one by one) and units cost
-- nothing here.
CREATE FUNCTION obligation_tallies_follow_reserve() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO obligation_tallies (programme_id, cycle_year, anchor_unit_id, rule_key, due_date, state, n)
  SELECT x.programme_id, ob.cycle_year, tally_anchor(u.path), ob.rule_key, ob.due_date, ob.state, sum(x.d)::int
    FROM (SELECT OLD.programme_id, OLD.person_id, -1 WHERE OLD.state = 'active'
          UNION ALL
          SELECT NEW.programme_id, NEW.person_id, 1 WHERE NEW.state = 'active') AS x(programme_id, person_id, d)
    JOIN obligations ob ON ob.reserve_id = NEW.id
    JOIN people p ON p.id = x.person_id
    JOIN org_units u ON u.id = p.unit_id
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(x.d) <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A person who moves to a unit under another anchor takes their reserves' counts with them.
CREATE FUNCTION obligation_tallies_follow_person() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_anchor uuid := (SELECT tally_anchor(path) FROM org_units WHERE id = OLD.unit_id);
  new_anchor uuid := (SELECT tally_anchor(path) FROM org_units WHERE id = NEW.unit_id);
BEGIN
  IF old_anchor IS DISTINCT FROM new_anchor THEN
    INSERT INTO obligation_tallies (programme_id, cycle_year, anchor_unit_id, rule_key, due_date, state, n)
    SELECT r.programme_id, ob.cycle_year, x.anchor, ob.rule_key, ob.due_date, ob.state, sum(x.d)::int
      FROM (VALUES (old_anchor, -1), (new_anchor, 1)) AS x(anchor, d)
      JOIN reserves r ON r.person_id = NEW.id AND r.state = 'active'
      JOIN obligations ob ON ob.reserve_id = r.id
     WHERE x.anchor IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(x.d) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A unit moved under another parent (its subtree's paths rewritten, row by row) moves its own
-- people's counts when its anchor changes.
CREATE FUNCTION obligation_tallies_follow_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO obligation_tallies (programme_id, cycle_year, anchor_unit_id, rule_key, due_date, state, n)
  SELECT r.programme_id, ob.cycle_year, x.anchor, ob.rule_key, ob.due_date, ob.state, sum(x.d)::int
    FROM (VALUES (tally_anchor(OLD.path), -1), (tally_anchor(NEW.path), 1)) AS x(anchor, d)
    JOIN people p ON p.unit_id = NEW.id
    JOIN reserves r ON r.person_id = p.id AND r.state = 'active'
    JOIN obligations ob ON ob.reserve_id = r.id
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(x.d) <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER obligation_tallies_insert AFTER INSERT ON obligations
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION obligation_tallies_on_insert();
--> statement-breakpoint
CREATE TRIGGER obligation_tallies_delete AFTER DELETE ON obligations
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION obligation_tallies_on_delete();
--> statement-breakpoint
CREATE TRIGGER obligation_tallies_update AFTER UPDATE ON obligations
  REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
  FOR EACH STATEMENT EXECUTE FUNCTION obligation_tallies_on_update();
--> statement-breakpoint
CREATE TRIGGER obligation_tallies_reserves AFTER UPDATE OF state, programme_id, person_id ON reserves
  FOR EACH ROW
  WHEN ((OLD.state = 'active') <> (NEW.state = 'active')
        OR (NEW.state = 'active' AND (OLD.programme_id <> NEW.programme_id OR OLD.person_id <> NEW.person_id)))
  EXECUTE FUNCTION obligation_tallies_follow_reserve();
--> statement-breakpoint
CREATE TRIGGER obligation_tallies_people AFTER UPDATE OF unit_id ON people
  FOR EACH ROW WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id)
  EXECUTE FUNCTION obligation_tallies_follow_person();
--> statement-breakpoint
CREATE TRIGGER obligation_tallies_units AFTER UPDATE OF path ON org_units
  FOR EACH ROW WHEN (tally_anchor(OLD.path) IS DISTINCT FROM tally_anchor(NEW.path))
  EXECUTE FUNCTION obligation_tallies_follow_unit();
--> statement-breakpoint
-- The counts of what is already there.
INSERT INTO obligation_tallies (programme_id, cycle_year, anchor_unit_id, rule_key, due_date, state, n)
SELECT r.programme_id, o.cycle_year, tally_anchor(u.path), o.rule_key, o.due_date, o.state, count(*)::int
  FROM obligations o
  JOIN reserves r ON r.id = o.reserve_id AND r.state = 'active'
  JOIN people p ON p.id = r.person_id
  JOIN org_units u ON u.id = p.unit_id
 GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
-- The matrix and the overdue count no longer read obligations in bulk, so three of its indexes go:
-- each cost every obligation of a generated year (the widest, the open-work index, the most).
-- Overdue pages read obligations_due_idx; a drill-down reads a reserve's rule from the identity index.
DROP INDEX IF EXISTS obligations_open_due_idx;
--> statement-breakpoint
DROP INDEX IF EXISTS obligations_identity_uq;
--> statement-breakpoint
CREATE UNIQUE INDEX obligations_identity_uq ON obligations (reserve_id, cycle_year, rule_key, period_key, actor_key);
--> statement-breakpoint
-- The reference check reads each distinct reference once (a bulk update names a few thousand reserves
-- and one programme version across its rows). A generated year's insert is checked by the generation
-- itself, from its plan and reserve list (houbei.generated_from_plan, as above).
CREATE OR REPLACE FUNCTION obligations_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing boolean;
BEGIN
  IF TG_OP = 'INSERT' AND current_setting('houbei.generated_from_plan', true) = 'on' THEN
    RETURN NULL;
  END IF;
  WITH refs AS MATERIALIZED (
    SELECT DISTINCT reserve_id, programme_version_id, actor_person_id, waived_by FROM changed)
  SELECT EXISTS (SELECT 1 FROM (SELECT DISTINCT reserve_id FROM refs) n
                  WHERE NOT EXISTS (SELECT 1 FROM reserves r WHERE r.id = n.reserve_id))
      OR EXISTS (SELECT 1 FROM (SELECT DISTINCT programme_version_id FROM refs) n
                  WHERE NOT EXISTS (SELECT 1 FROM programme_versions v WHERE v.id = n.programme_version_id))
      OR EXISTS (SELECT 1 FROM (SELECT DISTINCT actor_person_id FROM refs WHERE actor_person_id IS NOT NULL) n
                  WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id = n.actor_person_id))
      OR EXISTS (SELECT 1 FROM (SELECT DISTINCT waived_by FROM refs WHERE waived_by IS NOT NULL) n
                  WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = n.waived_by))
    INTO missing;
  IF missing THEN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
      MESSAGE = 'an obligation refers to a reserve, programme version, person or user that does not exist';
  END IF;
  RETURN NULL;
END $$;
