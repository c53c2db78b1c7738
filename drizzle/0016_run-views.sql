CREATE TABLE "run_view_defaults" (
	"user_id" text NOT NULL,
	"project_id" uuid NOT NULL,
	"experiment_id" bigint,
	"view_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"experiment_id" bigint,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "run_view_defaults" ADD CONSTRAINT "run_view_defaults_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_view_defaults" ADD CONSTRAINT "run_view_defaults_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_view_defaults" ADD CONSTRAINT "run_view_defaults_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_view_defaults" ADD CONSTRAINT "run_view_defaults_view_id_run_views_id_fk" FOREIGN KEY ("view_id") REFERENCES "public"."run_views"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_views" ADD CONSTRAINT "run_views_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_views" ADD CONSTRAINT "run_views_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_views" ADD CONSTRAINT "run_views_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "run_view_defaults_scope_idx" ON "run_view_defaults" USING btree ("user_id","project_id",coalesce("experiment_id", 0));--> statement-breakpoint
CREATE INDEX "run_views_project_experiment_idx" ON "run_views" USING btree ("project_id","experiment_id");