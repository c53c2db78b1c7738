CREATE TYPE "public"."report_section" AS ENUM('problem', 'data', 'methodology', 'results', 'conclusions');--> statement-breakpoint
CREATE TYPE "public"."risk_category" AS ENUM('data_quality', 'drift_skew', 'bias_fairness', 'privacy', 'security', 'latency', 'cost', 'staleness', 'upstream_dependency', 'compliance');--> statement-breakpoint
CREATE TYPE "public"."risk_level" AS ENUM('High', 'Medium', 'Low');--> statement-breakpoint
CREATE TYPE "public"."risk_response" AS ENUM('avoid', 'mitigate', 'transfer', 'accept', 'escalate');--> statement-breakpoint
CREATE TYPE "public"."risk_status" AS ENUM('open', 'mitigating', 'closed');--> statement-breakpoint
CREATE TYPE "public"."sub_problem_status" AS ENUM('not_started', 'in_progress', 'blocked', 'done');--> statement-breakpoint
CREATE TYPE "public"."success_metric_direction" AS ENUM('higher_better', 'lower_better', 'range', 'binary');--> statement-breakpoint
CREATE TYPE "public"."success_metric_kind" AS ENUM('business', 'model', 'guardrail');--> statement-breakpoint
CREATE TYPE "public"."success_metric_source" AS ENUM('manual', 'run_metric', 'production_model');--> statement-breakpoint
CREATE TABLE "report_narratives" (
	"project_id" uuid NOT NULL,
	"section" "report_section" NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_narratives_project_id_section_pk" PRIMARY KEY("project_id","section")
);
--> statement-breakpoint
CREATE TABLE "risk_score_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"risk_id" uuid NOT NULL,
	"likelihood" "risk_level" NOT NULL,
	"impact" "risk_level" NOT NULL,
	"mitigation_pct" integer NOT NULL,
	"score" integer NOT NULL,
	"residual" double precision NOT NULL,
	"user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" "risk_category" NOT NULL,
	"likelihood" "risk_level" NOT NULL,
	"impact" "risk_level" NOT NULL,
	"owner_id" text,
	"response" "risk_response" DEFAULT 'mitigate' NOT NULL,
	"mitigation_plan" text DEFAULT '' NOT NULL,
	"mitigation_pct" integer DEFAULT 0 NOT NULL,
	"status" "risk_status" DEFAULT 'open' NOT NULL,
	"next_review_date" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sub_problem_links" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sub_problem_id" uuid NOT NULL,
	"metric_id" uuid,
	"experiment_id" bigint,
	"task_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sub_problem_links_one_target" CHECK (num_nonnulls("sub_problem_links"."metric_id", "sub_problem_links"."experiment_id", "sub_problem_links"."task_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "sub_problems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"parent_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" "sub_problem_status" DEFAULT 'not_started' NOT NULL,
	"owner_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "success_metric_check_ins" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"metric_id" uuid NOT NULL,
	"value" double precision NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "success_metrics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" "success_metric_kind" NOT NULL,
	"direction" "success_metric_direction" NOT NULL,
	"unit" text DEFAULT '' NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	"start_value" double precision,
	"target_value" double precision,
	"range_min" double precision,
	"range_max" double precision,
	"deadline" date NOT NULL,
	"owner_id" text,
	"source" "success_metric_source" DEFAULT 'manual' NOT NULL,
	"source_key" text,
	"source_model" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_narratives" ADD CONSTRAINT "report_narratives_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_narratives" ADD CONSTRAINT "report_narratives_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_score_changes" ADD CONSTRAINT "risk_score_changes_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_score_changes" ADD CONSTRAINT "risk_score_changes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sub_problem_links" ADD CONSTRAINT "sub_problem_links_sub_problem_id_sub_problems_id_fk" FOREIGN KEY ("sub_problem_id") REFERENCES "public"."sub_problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sub_problem_links" ADD CONSTRAINT "sub_problem_links_metric_id_success_metrics_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."success_metrics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sub_problem_links" ADD CONSTRAINT "sub_problem_links_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sub_problem_links" ADD CONSTRAINT "sub_problem_links_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sub_problems" ADD CONSTRAINT "sub_problems_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sub_problems" ADD CONSTRAINT "sub_problems_parent_id_sub_problems_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."sub_problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sub_problems" ADD CONSTRAINT "sub_problems_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_metric_check_ins" ADD CONSTRAINT "success_metric_check_ins_metric_id_success_metrics_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."success_metrics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_metric_check_ins" ADD CONSTRAINT "success_metric_check_ins_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_metrics" ADD CONSTRAINT "success_metrics_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_metrics" ADD CONSTRAINT "success_metrics_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "risk_score_changes_risk_idx" ON "risk_score_changes" USING btree ("risk_id","id");--> statement-breakpoint
CREATE INDEX "risks_project_idx" ON "risks" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "sub_problem_links_sub_problem_idx" ON "sub_problem_links" USING btree ("sub_problem_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sub_problem_links_metric_idx" ON "sub_problem_links" USING btree ("sub_problem_id","metric_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sub_problem_links_experiment_idx" ON "sub_problem_links" USING btree ("sub_problem_id","experiment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sub_problem_links_task_idx" ON "sub_problem_links" USING btree ("sub_problem_id","task_id");--> statement-breakpoint
CREATE INDEX "sub_problems_project_idx" ON "sub_problems" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "success_metric_check_ins_metric_idx" ON "success_metric_check_ins" USING btree ("metric_id","recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "success_metrics_project_name_idx" ON "success_metrics" USING btree ("project_id","name");