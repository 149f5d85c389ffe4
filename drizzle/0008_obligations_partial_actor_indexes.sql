DROP INDEX "obligations_actor_idx";--> statement-breakpoint
DROP INDEX "obligations_actor_kind_idx";--> statement-breakpoint
CREATE INDEX "obligations_actor_idx" ON "obligations" USING btree ("actor_person_id","due_date") WHERE "obligations"."actor_person_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "obligations_actor_kind_idx" ON "obligations" USING btree ("actor","due_date") WHERE "obligations"."actor" IN ('hr_leader', 'leader_in_charge', 'hr');