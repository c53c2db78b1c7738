CREATE TYPE "public"."logged_model_status" AS ENUM('PENDING', 'READY', 'FAILED');--> statement-breakpoint
CREATE TABLE "logged_model_metrics" (
	"model_id" text NOT NULL,
	"run_id" text,
	"key" text NOT NULL,
	"value" double precision NOT NULL,
	"timestamp" bigint NOT NULL,
	"step" bigint NOT NULL,
	"dataset_name" text,
	"dataset_digest" text
);
--> statement-breakpoint
CREATE TABLE "logged_model_params" (
	"model_id" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "logged_model_params_model_id_key_pk" PRIMARY KEY("model_id","key")
);
--> statement-breakpoint
CREATE TABLE "logged_model_tags" (
	"model_id" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "logged_model_tags_model_id_key_pk" PRIMARY KEY("model_id","key")
);
--> statement-breakpoint
CREATE TABLE "logged_models" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"experiment_id" bigint NOT NULL,
	"name" text NOT NULL,
	"source_run_id" text,
	"status" "logged_model_status" DEFAULT 'PENDING' NOT NULL,
	"status_message" text,
	"model_type" text,
	"artifact_location" text NOT NULL,
	"lifecycle_stage" "lifecycle_state" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_outputs" (
	"run_id" text NOT NULL,
	"model_id" text NOT NULL,
	"step" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "run_outputs_run_id_model_id_pk" PRIMARY KEY("run_id","model_id")
);
--> statement-breakpoint
ALTER TABLE "model_versions" ADD COLUMN "logged_model_id" text;--> statement-breakpoint
ALTER TABLE "logged_model_metrics" ADD CONSTRAINT "logged_model_metrics_model_id_logged_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."logged_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_model_metrics" ADD CONSTRAINT "logged_model_metrics_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_model_params" ADD CONSTRAINT "logged_model_params_model_id_logged_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."logged_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_model_tags" ADD CONSTRAINT "logged_model_tags_model_id_logged_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."logged_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_models" ADD CONSTRAINT "logged_models_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_models" ADD CONSTRAINT "logged_models_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_models" ADD CONSTRAINT "logged_models_source_run_id_runs_id_fk" FOREIGN KEY ("source_run_id") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_outputs" ADD CONSTRAINT "run_outputs_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_outputs" ADD CONSTRAINT "run_outputs_model_id_logged_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."logged_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "logged_model_metrics_model_key_idx" ON "logged_model_metrics" USING btree ("model_id","key");--> statement-breakpoint
CREATE INDEX "logged_models_experiment_created_idx" ON "logged_models" USING btree ("experiment_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "logged_models_source_run_idx" ON "logged_models" USING btree ("source_run_id");--> statement-breakpoint
CREATE INDEX "run_outputs_model_idx" ON "run_outputs" USING btree ("model_id");--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_logged_model_id_logged_models_id_fk" FOREIGN KEY ("logged_model_id") REFERENCES "public"."logged_models"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_versions_logged_model_idx" ON "model_versions" USING btree ("logged_model_id");