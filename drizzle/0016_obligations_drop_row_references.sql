ALTER TABLE "obligations" DROP CONSTRAINT "obligations_reserve_id_reserves_id_fk";
--> statement-breakpoint
ALTER TABLE "obligations" DROP CONSTRAINT "obligations_programme_version_id_programme_versions_id_fk";
--> statement-breakpoint
ALTER TABLE "obligations" DROP CONSTRAINT "obligations_actor_person_id_people_id_fk";
--> statement-breakpoint
ALTER TABLE "obligations" DROP CONSTRAINT "obligations_waived_by_users_id_fk";
