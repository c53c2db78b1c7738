CREATE TABLE "run_keys" (
	"experiment_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	CONSTRAINT "run_keys_experiment_id_kind_key_pk" PRIMARY KEY("experiment_id","kind","key")
);
--> statement-breakpoint
ALTER TABLE "monitors" ADD COLUMN "prediction_count" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "run_keys" ADD CONSTRAINT "run_keys_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Keys arrive with the params, metric summaries and tags that name them: one statement-level trigger per table
-- records the new keys of a whole batch at once (sorted, so concurrent batches take index locks in one order).
CREATE FUNCTION "run_keys_record"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "run_keys" ("experiment_id", "kind", "key")
	SELECT DISTINCT r."experiment_id", TG_ARGV[0], n."key" FROM "new_rows" n JOIN "runs" r ON r."id" = n."run_id"
	ORDER BY 1, 3
	ON CONFLICT DO NOTHING;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "run_params_keys" AFTER INSERT ON "run_params" REFERENCING NEW TABLE AS "new_rows"
	FOR EACH STATEMENT EXECUTE FUNCTION "run_keys_record"('param');--> statement-breakpoint
CREATE TRIGGER "run_metrics_keys" AFTER INSERT ON "run_metrics" REFERENCING NEW TABLE AS "new_rows"
	FOR EACH STATEMENT EXECUTE FUNCTION "run_keys_record"('metric');--> statement-breakpoint
CREATE TRIGGER "run_tags_keys" AFTER INSERT ON "run_tags" REFERENCING NEW TABLE AS "new_rows"
	FOR EACH STATEMENT EXECUTE FUNCTION "run_keys_record"('tag');--> statement-breakpoint
INSERT INTO "run_keys" ("experiment_id", "kind", "key")
SELECT DISTINCT r."experiment_id", 'param', x."key" FROM "run_params" x JOIN "runs" r ON r."id" = x."run_id"
UNION SELECT DISTINCT r."experiment_id", 'metric', x."key" FROM "run_metrics" x JOIN "runs" r ON r."id" = x."run_id"
UNION SELECT DISTINCT r."experiment_id", 'tag', x."key" FROM "run_tags" x JOIN "runs" r ON r."id" = x."run_id"
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- A monitor's prediction count moves with each inserted or deleted batch, once per monitor in the batch.
CREATE FUNCTION "monitors_count_predictions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		UPDATE "monitors" m SET "prediction_count" = m."prediction_count" + c."n"
		FROM (SELECT "monitor_id", count(*) AS "n" FROM "new_rows" GROUP BY 1) c WHERE m."id" = c."monitor_id";
	ELSE
		UPDATE "monitors" m SET "prediction_count" = m."prediction_count" - c."n"
		FROM (SELECT "monitor_id", count(*) AS "n" FROM "old_rows" GROUP BY 1) c WHERE m."id" = c."monitor_id";
	END IF;
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "predictions_count_insert" AFTER INSERT ON "predictions" REFERENCING NEW TABLE AS "new_rows"
	FOR EACH STATEMENT EXECUTE FUNCTION "monitors_count_predictions"();--> statement-breakpoint
CREATE TRIGGER "predictions_count_delete" AFTER DELETE ON "predictions" REFERENCING OLD TABLE AS "old_rows"
	FOR EACH STATEMENT EXECUTE FUNCTION "monitors_count_predictions"();--> statement-breakpoint
UPDATE "monitors" m SET "prediction_count" = c."n"
FROM (SELECT "monitor_id", count(*) AS "n" FROM "predictions" GROUP BY 1) c WHERE m."id" = c."monitor_id";
