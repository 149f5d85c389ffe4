CREATE TABLE "people_counts" (
	"anchor_unit_id" uuid NOT NULL,
	"active" boolean NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
-- People added or removed: their counts by anchor unit and active flag (a roster import inserts its
-- new people in a few statements, so one grouped insert per statement).
CREATE FUNCTION people_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO people_counts (anchor_unit_id, active, n)
  SELECT tally_anchor(u.path), a.active, count(*)::int
    FROM added a JOIN org_units u ON u.id = a.unit_id
   GROUP BY 1, 2;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION people_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO people_counts (anchor_unit_id, active, n)
  SELECT tally_anchor(u.path), r.active, -count(*)::int
    FROM removed r JOIN org_units u ON u.id = r.unit_id
   GROUP BY 1, 2;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A person who moves unit or becomes (in)active. A row trigger whose WHEN is checked before any
-- function runs: the everyday updates (a roster import updates people one by one) cost nothing.
CREATE FUNCTION people_counts_follow_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO people_counts (anchor_unit_id, active, n)
  SELECT x.anchor, x.active, sum(x.d)::int
    FROM (SELECT tally_anchor(path), OLD.active, -1 FROM org_units WHERE id = OLD.unit_id
          UNION ALL
          SELECT tally_anchor(path), NEW.active, 1 FROM org_units WHERE id = NEW.unit_id) AS x(anchor, active, d)
   GROUP BY 1, 2
  HAVING sum(x.d) <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A unit moved under another parent (its subtree's paths rewritten, row by row) moves the counts of
-- its own people when its anchor changes.
CREATE FUNCTION people_counts_follow_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO people_counts (anchor_unit_id, active, n)
  SELECT x.anchor, p.active, sum(x.d)::int
    FROM (VALUES (tally_anchor(OLD.path), -1), (tally_anchor(NEW.path), 1)) AS x(anchor, d)
    JOIN people p ON p.unit_id = NEW.id
   GROUP BY 1, 2
  HAVING sum(x.d) <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER people_counts_insert AFTER INSERT ON people
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION people_counts_on_insert();
--> statement-breakpoint
CREATE TRIGGER people_counts_delete AFTER DELETE ON people
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION people_counts_on_delete();
--> statement-breakpoint
CREATE TRIGGER people_counts_people AFTER UPDATE OF unit_id, active ON people
  FOR EACH ROW WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.active IS DISTINCT FROM NEW.active)
  EXECUTE FUNCTION people_counts_follow_person();
--> statement-breakpoint
CREATE TRIGGER people_counts_units AFTER UPDATE OF path ON org_units
  FOR EACH ROW WHEN (tally_anchor(OLD.path) IS DISTINCT FROM tally_anchor(NEW.path))
  EXECUTE FUNCTION people_counts_follow_unit();
--> statement-breakpoint
-- The counts of who is already there.
INSERT INTO people_counts (anchor_unit_id, active, n)
SELECT tally_anchor(u.path), p.active, count(*)::int
  FROM people p JOIN org_units u ON u.id = p.unit_id
 GROUP BY 1, 2;
