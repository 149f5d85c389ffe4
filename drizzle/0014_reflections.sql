CREATE TABLE "reflection_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reflection_id" uuid NOT NULL,
	"name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reflection_fingerprints" (
	"hash" integer NOT NULL,
	"doc_no" integer NOT NULL,
	CONSTRAINT "reflection_fingerprints_hash_doc_no_pk" PRIMARY KEY("hash","doc_no")
);
--> statement-breakpoint
CREATE TABLE "reflection_hash_counts" (
	"hash" integer PRIMARY KEY NOT NULL,
	"docs" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reflection_settings" (
	"programme_id" uuid PRIMARY KEY NOT NULL,
	"threshold_percent" integer DEFAULT 30 NOT NULL,
	"flag_own_reuse" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by_name" text
);
--> statement-breakpoint
CREATE TABLE "reflection_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reflection_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"text" text NOT NULL,
	"chars" integer NOT NULL,
	"breakdown" jsonb NOT NULL,
	"min_chars" integer,
	"file_id" uuid,
	"submitted_on" date NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" uuid,
	"decision" text,
	"comment" text,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_by_name" text,
	"copy_check" jsonb
);
--> statement-breakpoint
CREATE TABLE "reflections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"doc_no" serial NOT NULL,
	"obligation_id" uuid NOT NULL,
	"reserve_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"rule_key" text NOT NULL,
	"rule_title" text NOT NULL,
	"period_key" text NOT NULL,
	"evidence_kind" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"draft_text" text DEFAULT '' NOT NULL,
	"draft_chars" integer DEFAULT 0 NOT NULL,
	"draft_file_id" uuid,
	"draft_saved_at" timestamp with time zone,
	"versions" integer DEFAULT 0 NOT NULL,
	"submitted_at" timestamp with time zone,
	"fingerprints" integer DEFAULT 0 NOT NULL,
	"copy_score" integer,
	"own_reuse_score" integer,
	"copy_flag" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reflection_files" ADD CONSTRAINT "reflection_files_reflection_id_reflections_id_fk" FOREIGN KEY ("reflection_id") REFERENCES "public"."reflections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reflection_settings" ADD CONSTRAINT "reflection_settings_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reflection_versions" ADD CONSTRAINT "reflection_versions_reflection_id_reflections_id_fk" FOREIGN KEY ("reflection_id") REFERENCES "public"."reflections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reflection_versions" ADD CONSTRAINT "reflection_versions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reflection_versions" ADD CONSTRAINT "reflection_versions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reflections" ADD CONSTRAINT "reflections_obligation_id_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."obligations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reflections" ADD CONSTRAINT "reflections_reserve_id_reserves_id_fk" FOREIGN KEY ("reserve_id") REFERENCES "public"."reserves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reflections" ADD CONSTRAINT "reflections_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reflections" ADD CONSTRAINT "reflections_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reflection_files_reflection_idx" ON "reflection_files" USING btree ("reflection_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reflection_versions_number_uq" ON "reflection_versions" USING btree ("reflection_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "reflections_obligation_uq" ON "reflections" USING btree ("obligation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reflections_doc_no_uq" ON "reflections" USING btree ("doc_no");--> statement-breakpoint
CREATE INDEX "reflections_person_idx" ON "reflections" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "reflections_queue_idx" ON "reflections" USING btree ("state","submitted_at");--> statement-breakpoint
CREATE INDEX "reflections_flag_idx" ON "reflections" USING btree ("copy_flag","submitted_at") WHERE "reflections"."copy_flag" IS NOT NULL;