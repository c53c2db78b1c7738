CREATE TABLE "task_metric_links" (
	"task_id" uuid NOT NULL,
	"metric_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_metric_links_task_id_metric_id_pk" PRIMARY KEY("task_id","metric_id")
);
--> statement-breakpoint
CREATE TABLE "task_risk_links" (
	"task_id" uuid NOT NULL,
	"risk_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_risk_links_task_id_risk_id_pk" PRIMARY KEY("task_id","risk_id")
);
--> statement-breakpoint
ALTER TABLE "task_metric_links" ADD CONSTRAINT "task_metric_links_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_metric_links" ADD CONSTRAINT "task_metric_links_metric_id_success_metrics_id_fk" FOREIGN KEY ("metric_id") REFERENCES "public"."success_metrics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_risk_links" ADD CONSTRAINT "task_risk_links_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_risk_links" ADD CONSTRAINT "task_risk_links_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "task_metric_links_metric_idx" ON "task_metric_links" USING btree ("metric_id");--> statement-breakpoint
CREATE INDEX "task_risk_links_risk_idx" ON "task_risk_links" USING btree ("risk_id");