CREATE TABLE "drift_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"monitor_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"reference_rows" integer,
	"current_rows" integer,
	"reference_sampled" integer,
	"current_sampled" integer,
	"dataset_drift" boolean,
	"drift_share" double precision,
	"dataset" jsonb,
	"features" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"performance" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"duration_ms" integer,
	"created_by" text
);
--> statement-breakpoint
CREATE TABLE "monitor_features" (
	"monitor_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitor_features_monitor_id_name_pk" PRIMARY KEY("monitor_id","name")
);
--> statement-breakpoint
CREATE TABLE "monitoring_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"monitor_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"severity" text NOT NULL,
	"message" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"occurrences" integer DEFAULT 1 NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_check_id" uuid,
	"last_window_end" timestamp with time zone,
	"risk_id" uuid,
	"task_id" uuid,
	"acknowledged_by" text,
	"acknowledged_at" timestamp with time zone,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_settings" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"webhook_url" text,
	"last_delivery_at" timestamp with time zone,
	"last_delivery_status" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"model_id" uuid NOT NULL,
	"stage" text DEFAULT 'Production' NOT NULL,
	"task" text,
	"schedule" text DEFAULT 'daily' NOT NULL,
	"schedule_since" timestamp with time zone DEFAULT now() NOT NULL,
	"reference_kind" text DEFAULT 'none' NOT NULL,
	"reference_from" timestamp with time zone,
	"reference_to" timestamp with time zone,
	"reference_dataset_id" uuid,
	"baseline_source" text DEFAULT 'reference' NOT NULL,
	"baseline_keys" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "predictions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"monitor_id" uuid NOT NULL,
	"version_id" uuid,
	"external_id" text NOT NULL,
	"ts" timestamp with time zone NOT NULL,
	"features" jsonb NOT NULL,
	"prediction" jsonb NOT NULL,
	"actual" jsonb,
	"actual_at" timestamp with time zone,
	"sample_key" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitor_reference_rows" (
	"dataset_id" uuid NOT NULL,
	"row_index" integer NOT NULL,
	"features" jsonb NOT NULL,
	"prediction" jsonb,
	"actual" jsonb,
	"sample_key" smallint NOT NULL,
	CONSTRAINT "monitor_reference_rows_dataset_id_row_index_pk" PRIMARY KEY("dataset_id","row_index")
);
--> statement-breakpoint
ALTER TABLE "drift_checks" ADD CONSTRAINT "drift_checks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drift_checks" ADD CONSTRAINT "drift_checks_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drift_checks" ADD CONSTRAINT "drift_checks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitor_features" ADD CONSTRAINT "monitor_features_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_alerts" ADD CONSTRAINT "monitoring_alerts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_alerts" ADD CONSTRAINT "monitoring_alerts_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_alerts" ADD CONSTRAINT "monitoring_alerts_last_check_id_drift_checks_id_fk" FOREIGN KEY ("last_check_id") REFERENCES "public"."drift_checks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_alerts" ADD CONSTRAINT "monitoring_alerts_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_alerts" ADD CONSTRAINT "monitoring_alerts_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_alerts" ADD CONSTRAINT "monitoring_alerts_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_alerts" ADD CONSTRAINT "monitoring_alerts_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_settings" ADD CONSTRAINT "monitoring_settings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitors" ADD CONSTRAINT "monitors_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitors" ADD CONSTRAINT "monitors_model_id_registered_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."registered_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitors" ADD CONSTRAINT "monitors_reference_dataset_id_datasets_id_fk" FOREIGN KEY ("reference_dataset_id") REFERENCES "public"."datasets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_version_id_model_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."model_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitor_reference_rows" ADD CONSTRAINT "monitor_reference_rows_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "drift_checks_scheduled_window_idx" ON "drift_checks" USING btree ("monitor_id","window_start") WHERE "drift_checks"."trigger" = 'scheduled';--> statement-breakpoint
CREATE INDEX "drift_checks_monitor_end_idx" ON "drift_checks" USING btree ("monitor_id","window_end");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_alerts_active_key_idx" ON "monitoring_alerts" USING btree ("monitor_id","kind","subject") WHERE "monitoring_alerts"."status" <> 'resolved';--> statement-breakpoint
CREATE INDEX "monitoring_alerts_project_status_idx" ON "monitoring_alerts" USING btree ("project_id","status","last_seen_at");--> statement-breakpoint
CREATE UNIQUE INDEX "monitors_model_idx" ON "monitors" USING btree ("model_id");--> statement-breakpoint
CREATE INDEX "monitors_project_idx" ON "monitors" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "predictions_monitor_external_idx" ON "predictions" USING btree ("monitor_id","external_id");--> statement-breakpoint
CREATE INDEX "predictions_monitor_ts_idx" ON "predictions" USING btree ("monitor_id","ts");--> statement-breakpoint
CREATE INDEX "predictions_monitor_sample_idx" ON "predictions" USING btree ("monitor_id","sample_key","ts");--> statement-breakpoint
CREATE INDEX "monitor_reference_rows_sample_idx" ON "monitor_reference_rows" USING btree ("dataset_id","sample_key");