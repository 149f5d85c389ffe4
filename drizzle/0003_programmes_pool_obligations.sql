CREATE TABLE "calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"obligation_id" uuid NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text,
	"occurred_on" date NOT NULL,
	"note" text,
	"attachment_name" text,
	"attachment_type" text,
	"recorded_by" uuid,
	"recorded_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "obligations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reserve_id" uuid NOT NULL,
	"programme_version_id" uuid NOT NULL,
	"rule_key" text NOT NULL,
	"period_key" text NOT NULL,
	"cycle_year" integer NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"due_date" date NOT NULL,
	"actor" text NOT NULL,
	"actor_person_id" uuid,
	"actor_key" text NOT NULL,
	"quantity" integer NOT NULL,
	"min_chars" integer,
	"state" text DEFAULT 'open' NOT NULL,
	"submitted_at" timestamp with time zone,
	"fulfilled_on" date,
	"waived_reason" text,
	"waived_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text NOT NULL,
	"rules" jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"tier" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"cycle_years" integer NOT NULL,
	"time_zone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"due_soon_days" integer DEFAULT 14 NOT NULL,
	"eligibility" jsonb NOT NULL,
	"current_version_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reserve_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reserve_id" uuid NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"effective_on" date NOT NULL,
	"reason" text,
	"reason_code" text,
	"meeting_name" text,
	"meeting_date" date,
	"by_user_id" uuid,
	"by_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reserves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"state" text NOT NULL,
	"cohort_year" integer NOT NULL,
	"nominated_on" date NOT NULL,
	"enrolled_on" date,
	"cycle_end" date,
	"direction" text,
	"eligibility_issues" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"override_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_obligation_id_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."obligations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_reserve_id_reserves_id_fk" FOREIGN KEY ("reserve_id") REFERENCES "public"."reserves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_programme_version_id_programme_versions_id_fk" FOREIGN KEY ("programme_version_id") REFERENCES "public"."programme_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_actor_person_id_people_id_fk" FOREIGN KEY ("actor_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_waived_by_users_id_fk" FOREIGN KEY ("waived_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_versions" ADD CONSTRAINT "programme_versions_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_versions" ADD CONSTRAINT "programme_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_events" ADD CONSTRAINT "reserve_events_reserve_id_reserves_id_fk" FOREIGN KEY ("reserve_id") REFERENCES "public"."reserves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_events" ADD CONSTRAINT "reserve_events_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserves" ADD CONSTRAINT "reserves_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserves" ADD CONSTRAINT "reserves_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_uq" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "calendar_feeds_user_idx" ON "calendar_feeds" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "evidence_obligation_idx" ON "evidence" USING btree ("obligation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "obligations_identity_uq" ON "obligations" USING btree ("reserve_id","rule_key","period_key","actor_key");--> statement-breakpoint
CREATE INDEX "obligations_due_idx" ON "obligations" USING btree ("due_date","state");--> statement-breakpoint
CREATE INDEX "obligations_year_rule_idx" ON "obligations" USING btree ("cycle_year","rule_key");--> statement-breakpoint
CREATE INDEX "obligations_actor_idx" ON "obligations" USING btree ("actor_person_id","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_versions_number_uq" ON "programme_versions" USING btree ("programme_id","number");--> statement-breakpoint
CREATE INDEX "programmes_unit_idx" ON "programmes" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "reserve_events_reserve_idx" ON "reserve_events" USING btree ("reserve_id","at");--> statement-breakpoint
CREATE INDEX "reserves_programme_state_idx" ON "reserves" USING btree ("programme_id","state");--> statement-breakpoint
CREATE INDEX "reserves_person_idx" ON "reserves" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reserves_open_uq" ON "reserves" USING btree ("person_id","programme_id") WHERE state in ('nominated', 'active');