CREATE TYPE "public"."ab_metric_direction" AS ENUM('increase', 'decrease');--> statement-breakpoint
CREATE TYPE "public"."ab_metric_kind" AS ENUM('continuous', 'conversion');--> statement-breakpoint
CREATE TYPE "public"."ab_test_status" AS ENUM('draft', 'running', 'stopped');--> statement-breakpoint
CREATE TABLE "ab_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"test_id" uuid NOT NULL,
	"unit_id" text NOT NULL,
	"metric" text NOT NULL,
	"variant" text NOT NULL,
	"value" double precision NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ab_exposures" (
	"test_id" uuid NOT NULL,
	"unit_id" text NOT NULL,
	"variant" text NOT NULL,
	"exposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ab_exposures_test_id_unit_id_pk" PRIMARY KEY("test_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "ab_metric_daily" (
	"test_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"variant" text NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	"sum" double precision DEFAULT 0 NOT NULL,
	"sum_squares" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "ab_metric_daily_test_id_metric_day_variant_pk" PRIMARY KEY("test_id","metric","day","variant")
);
--> statement-breakpoint
CREATE TABLE "ab_metric_sums" (
	"test_id" uuid NOT NULL,
	"variant" text NOT NULL,
	"metric" text NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	"sum" double precision DEFAULT 0 NOT NULL,
	"sum_squares" double precision DEFAULT 0 NOT NULL,
	CONSTRAINT "ab_metric_sums_test_id_variant_metric_pk" PRIMARY KEY("test_id","variant","metric")
);
--> statement-breakpoint
CREATE TABLE "ab_test_metrics" (
	"test_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"kind" "ab_metric_kind" NOT NULL,
	"direction" "ab_metric_direction" NOT NULL,
	"guardrail" boolean DEFAULT false NOT NULL,
	CONSTRAINT "ab_test_metrics_test_id_name_pk" PRIMARY KEY("test_id","name")
);
--> statement-breakpoint
CREATE TABLE "ab_test_variants" (
	"test_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"model_version_id" uuid,
	"version" integer NOT NULL,
	"weight" double precision NOT NULL,
	"assigned" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ab_test_variants_test_id_key_pk" PRIMARY KEY("test_id","key")
);
--> statement-breakpoint
CREATE TABLE "ab_tests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"model_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" "ab_test_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"started_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"shipped_variant" text,
	"decision_reason" text DEFAULT '' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ab_unit_values" (
	"test_id" uuid NOT NULL,
	"unit_id" text NOT NULL,
	"metric" text NOT NULL,
	"variant" text NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "ab_unit_values_test_id_unit_id_metric_pk" PRIMARY KEY("test_id","unit_id","metric")
);
--> statement-breakpoint
ALTER TABLE "ab_events" ADD CONSTRAINT "ab_events_test_id_ab_tests_id_fk" FOREIGN KEY ("test_id") REFERENCES "public"."ab_tests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_exposures" ADD CONSTRAINT "ab_exposures_test_id_ab_tests_id_fk" FOREIGN KEY ("test_id") REFERENCES "public"."ab_tests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_metric_daily" ADD CONSTRAINT "ab_metric_daily_test_id_ab_tests_id_fk" FOREIGN KEY ("test_id") REFERENCES "public"."ab_tests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_metric_sums" ADD CONSTRAINT "ab_metric_sums_test_id_ab_tests_id_fk" FOREIGN KEY ("test_id") REFERENCES "public"."ab_tests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_test_metrics" ADD CONSTRAINT "ab_test_metrics_test_id_ab_tests_id_fk" FOREIGN KEY ("test_id") REFERENCES "public"."ab_tests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_test_variants" ADD CONSTRAINT "ab_test_variants_test_id_ab_tests_id_fk" FOREIGN KEY ("test_id") REFERENCES "public"."ab_tests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_test_variants" ADD CONSTRAINT "ab_test_variants_model_version_id_model_versions_id_fk" FOREIGN KEY ("model_version_id") REFERENCES "public"."model_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_tests" ADD CONSTRAINT "ab_tests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_tests" ADD CONSTRAINT "ab_tests_model_id_registered_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."registered_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_tests" ADD CONSTRAINT "ab_tests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_tests" ADD CONSTRAINT "ab_tests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ab_unit_values" ADD CONSTRAINT "ab_unit_values_test_id_ab_tests_id_fk" FOREIGN KEY ("test_id") REFERENCES "public"."ab_tests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ab_events_test_idx" ON "ab_events" USING btree ("test_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "ab_tests_project_name_idx" ON "ab_tests" USING btree ("project_id","name");--> statement-breakpoint
CREATE INDEX "ab_tests_project_created_idx" ON "ab_tests" USING btree ("project_id","created_at");