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
-- obligations' counts with it.
CREATE FUNCTION obligation_tallies_follow_reserves() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO obligation_tallies (programme_id, cycle_year, anchor_unit_id, rule_key, due_date, state, n)
  SELECT x.programme_id, ob.cycle_year, tally_anchor(u.path), ob.rule_key, ob.due_date, ob.state, sum(x.d)::int
    FROM (SELECT o.id, o.programme_id, o.person_id, -1 AS d
            FROM before_rows o JOIN after_rows n ON n.id = o.id
           WHERE o.state = 'active'
             AND (n.state <> 'active' OR n.programme_id <> o.programme_id OR n.person_id <> o.person_id)
          UNION ALL
          SELECT n.id, n.programme_id, n.person_id, 1 AS d
            FROM before_rows o JOIN after_rows n ON n.id = o.id
           WHERE n.state = 'active'
             AND (o.state <> 'active' OR n.programme_id <> o.programme_id OR n.person_id <> o.person_id)) x
    JOIN obligations ob ON ob.reserve_id = x.id
    JOIN people p ON p.id = x.person_id
    JOIN org_units u ON u.id = p.unit_id
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(x.d) <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A person who moves to a unit under another anchor takes their reserves' counts with them.
CREATE FUNCTION obligation_tallies_follow_people() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO obligation_tallies (programme_id, cycle_year, anchor_unit_id, rule_key, due_date, state, n)
  WITH moved AS (
    SELECT n.id AS person_id, tally_anchor(uo.path) AS old_anchor, tally_anchor(un.path) AS new_anchor
      FROM before_rows o
      JOIN after_rows n ON n.id = o.id AND n.unit_id IS DISTINCT FROM o.unit_id
      JOIN org_units uo ON uo.id = o.unit_id
      JOIN org_units un ON un.id = n.unit_id
     WHERE tally_anchor(uo.path) <> tally_anchor(un.path))
  SELECT r.programme_id, ob.cycle_year, x.anchor, ob.rule_key, ob.due_date, ob.state, sum(x.d)::int
    FROM (SELECT m.person_id, m.old_anchor AS anchor, -1 AS d FROM moved m
          UNION ALL
          SELECT m.person_id, m.new_anchor, 1 FROM moved m) x
    JOIN reserves r ON r.person_id = x.person_id AND r.state = 'active'
    JOIN obligations ob ON ob.reserve_id = r.id
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(x.d) <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A unit moved under another parent (its subtree's paths rewritten) moves its people's counts when
-- their anchor changes.
CREATE FUNCTION obligation_tallies_follow_units() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO obligation_tallies (programme_id, cycle_year, anchor_unit_id, rule_key, due_date, state, n)
  WITH moved AS (
    SELECT n.id AS unit_id, tally_anchor(o.path) AS old_anchor, tally_anchor(n.path) AS new_anchor
      FROM before_rows o JOIN after_rows n ON n.id = o.id
     WHERE tally_anchor(o.path) <> tally_anchor(n.path))
  SELECT r.programme_id, ob.cycle_year, x.anchor, ob.rule_key, ob.due_date, ob.state, sum(x.d)::int
    FROM (SELECT m.unit_id, m.old_anchor AS anchor, -1 AS d FROM moved m
          UNION ALL
          SELECT m.unit_id, m.new_anchor, 1 FROM moved m) x
    JOIN people p ON p.unit_id = x.unit_id
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
CREATE TRIGGER obligation_tallies_reserves AFTER UPDATE ON reserves
  REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
  FOR EACH STATEMENT EXECUTE FUNCTION obligation_tallies_follow_reserves();
--> statement-breakpoint
CREATE TRIGGER obligation_tallies_people AFTER UPDATE ON people
  REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
  FOR EACH STATEMENT EXECUTE FUNCTION obligation_tallies_follow_people();
--> statement-breakpoint
CREATE TRIGGER obligation_tallies_units AFTER UPDATE ON org_units
  REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
  FOR EACH STATEMENT EXECUTE FUNCTION obligation_tallies_follow_units();
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
