CREATE TABLE "leader_charges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"leader_person_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date,
	"note" text,
	"created_by" uuid,
	"ended_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "direction_units" (
	"direction" text NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "direction_units_direction_unit_id_pk" PRIMARY KEY("direction","unit_id")
);
--> statement-breakpoint
CREATE TABLE "mentor_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reserve_id" uuid NOT NULL,
	"mentor_person_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"assessed_on" date NOT NULL,
	"panel" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"ratings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"strengths" text DEFAULT '' NOT NULL,
	"shortcomings" text DEFAULT '' NOT NULL,
	"suggestions" text DEFAULT '' NOT NULL,
	"overall_grade" text DEFAULT '' NOT NULL,
	"mentor_comment" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"filed_at" timestamp with time zone,
	"filed_by" uuid,
	"filed_by_name" text,
	"hr_comment" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reserve_id" uuid NOT NULL,
	"mentor_person_id" uuid NOT NULL,
	"slot" text NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date,
	"end_reason" text,
	"exception_reason" text,
	"excepted_issues" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_by_name" text,
	"ended_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "mentor_endorsements" (
	"reserve_id" uuid NOT NULL,
	"mentor_person_id" uuid NOT NULL,
	"endorsed" boolean NOT NULL,
	"comment" text,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentor_endorsements_reserve_id_mentor_person_id_pk" PRIMARY KEY("reserve_id","mentor_person_id")
);
--> statement-breakpoint
CREATE TABLE "mentor_rewards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reserve_id" uuid NOT NULL,
	"mentor_person_id" uuid NOT NULL,
	"amount_fen" integer NOT NULL,
	"state" text DEFAULT 'approved' NOT NULL,
	"conditions" jsonb NOT NULL,
	"approved_by" uuid,
	"approved_by_name" text,
	"approved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_on" date,
	"paid_by" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mentor_settings" (
	"programme_id" uuid PRIMARY KEY NOT NULL,
	"grade_scale" jsonb NOT NULL,
	"rating_scale" jsonb NOT NULL,
	"reward_fen" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "talk_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reserve_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"held_on" date NOT NULL,
	"place" text NOT NULL,
	"thinking" text DEFAULT '' NOT NULL,
	"work" text DEFAULT '' NOT NULL,
	"achievements" text DEFAULT '' NOT NULL,
	"shortcomings" text DEFAULT '' NOT NULL,
	"advice" text DEFAULT '' NOT NULL,
	"actions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"previous_talk_id" uuid,
	"follow_ups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"recorded_at" timestamp with time zone,
	"reserve_confirmed_at" timestamp with time zone,
	"reserve_comment" text,
	"created_by" uuid,
	"created_by_name" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "talk_talkers" (
	"talk_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "talk_talkers_talk_id_person_id_pk" PRIMARY KEY("talk_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "reserve_events" ADD COLUMN "new_post" text;--> statement-breakpoint
ALTER TABLE "reserve_events" ADD COLUMN "middle_management" boolean;--> statement-breakpoint
ALTER TABLE "leader_charges" ADD CONSTRAINT "leader_charges_leader_person_id_people_id_fk" FOREIGN KEY ("leader_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_charges" ADD CONSTRAINT "leader_charges_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_charges" ADD CONSTRAINT "leader_charges_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_charges" ADD CONSTRAINT "leader_charges_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direction_units" ADD CONSTRAINT "direction_units_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assessments" ADD CONSTRAINT "mentor_assessments_reserve_id_reserves_id_fk" FOREIGN KEY ("reserve_id") REFERENCES "public"."reserves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assessments" ADD CONSTRAINT "mentor_assessments_mentor_person_id_people_id_fk" FOREIGN KEY ("mentor_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assessments" ADD CONSTRAINT "mentor_assessments_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assessments" ADD CONSTRAINT "mentor_assessments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assignments" ADD CONSTRAINT "mentor_assignments_reserve_id_reserves_id_fk" FOREIGN KEY ("reserve_id") REFERENCES "public"."reserves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assignments" ADD CONSTRAINT "mentor_assignments_mentor_person_id_people_id_fk" FOREIGN KEY ("mentor_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assignments" ADD CONSTRAINT "mentor_assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_assignments" ADD CONSTRAINT "mentor_assignments_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_endorsements" ADD CONSTRAINT "mentor_endorsements_reserve_id_reserves_id_fk" FOREIGN KEY ("reserve_id") REFERENCES "public"."reserves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_endorsements" ADD CONSTRAINT "mentor_endorsements_mentor_person_id_people_id_fk" FOREIGN KEY ("mentor_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_rewards" ADD CONSTRAINT "mentor_rewards_reserve_id_reserves_id_fk" FOREIGN KEY ("reserve_id") REFERENCES "public"."reserves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_rewards" ADD CONSTRAINT "mentor_rewards_mentor_person_id_people_id_fk" FOREIGN KEY ("mentor_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_rewards" ADD CONSTRAINT "mentor_rewards_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_rewards" ADD CONSTRAINT "mentor_rewards_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_settings" ADD CONSTRAINT "mentor_settings_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talk_records" ADD CONSTRAINT "talk_records_reserve_id_reserves_id_fk" FOREIGN KEY ("reserve_id") REFERENCES "public"."reserves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talk_records" ADD CONSTRAINT "talk_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talk_talkers" ADD CONSTRAINT "talk_talkers_talk_id_talk_records_id_fk" FOREIGN KEY ("talk_id") REFERENCES "public"."talk_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talk_talkers" ADD CONSTRAINT "talk_talkers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "leader_charges_current_uq" ON "leader_charges" USING btree ("leader_person_id","unit_id") WHERE "leader_charges"."end_on" IS NULL;--> statement-breakpoint
CREATE INDEX "leader_charges_unit_idx" ON "leader_charges" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "direction_units_unit_idx" ON "direction_units" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mentor_assessments_uq" ON "mentor_assessments" USING btree ("reserve_id","mentor_person_id","year");--> statement-breakpoint
CREATE INDEX "mentor_assessments_mentor_idx" ON "mentor_assessments" USING btree ("mentor_person_id","year");--> statement-breakpoint
CREATE INDEX "mentor_assessments_state_idx" ON "mentor_assessments" USING btree ("state");--> statement-breakpoint
CREATE UNIQUE INDEX "mentor_assignments_current_uq" ON "mentor_assignments" USING btree ("reserve_id","slot") WHERE "mentor_assignments"."end_on" IS NULL;--> statement-breakpoint
CREATE INDEX "mentor_assignments_mentor_idx" ON "mentor_assignments" USING btree ("mentor_person_id");--> statement-breakpoint
CREATE INDEX "mentor_assignments_reserve_idx" ON "mentor_assignments" USING btree ("reserve_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mentor_rewards_pair_uq" ON "mentor_rewards" USING btree ("reserve_id","mentor_person_id");--> statement-breakpoint
CREATE INDEX "mentor_rewards_state_idx" ON "mentor_rewards" USING btree ("state");--> statement-breakpoint
CREATE INDEX "talk_records_reserve_idx" ON "talk_records" USING btree ("reserve_id","held_on");--> statement-breakpoint
CREATE INDEX "talk_records_held_idx" ON "talk_records" USING btree ("held_on");--> statement-breakpoint
CREATE INDEX "talk_talkers_person_idx" ON "talk_talkers" USING btree ("person_id");