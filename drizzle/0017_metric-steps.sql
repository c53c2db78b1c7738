DROP INDEX "metric_points_series_idx";--> statement-breakpoint
ALTER TABLE "run_metrics" ADD COLUMN "first_step" bigint;--> statement-breakpoint
ALTER TABLE "run_metrics" ADD COLUMN "step_count" bigint;--> statement-breakpoint
ALTER TABLE "run_metrics" ADD COLUMN "step_gcd" bigint;--> statement-breakpoint
CREATE INDEX "metric_points_series_idx" ON "metric_points" USING btree ("run_id","key","step","timestamp");--> statement-breakpoint
-- Backfill from the points. Where consecutive distinct steps are not all equally far apart, 1 stands in for the gcd:
-- any common divisor keeps the evenly-spaced test sound, and such a series is not evenly spaced anyway.
UPDATE "run_metrics" AS rm SET "first_step" = s.first_step, "step_count" = s.step_count, "step_gcd" = s.step_gcd
FROM (
  SELECT run_id, key, min(step) AS first_step, count(*) AS step_count,
    CASE WHEN count(*) = 1 THEN 0 WHEN min(d) = max(d) THEN min(d) ELSE 1 END AS step_gcd
  FROM (
    SELECT run_id, key, step, step - lag(step) OVER (PARTITION BY run_id, key ORDER BY step) AS d
    FROM (SELECT DISTINCT run_id, key, step FROM "metric_points") AS u
  ) AS x
  GROUP BY run_id, key
) AS s
WHERE rm.run_id = s.run_id AND rm.key = s.key;--> statement-breakpoint
UPDATE "run_metrics" SET "first_step" = "step", "step_count" = NULL, "step_gcd" = 1 WHERE "first_step" IS NULL;--> statement-breakpoint
ALTER TABLE "run_metrics" ALTER COLUMN "first_step" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "run_metrics" ALTER COLUMN "step_gcd" SET NOT NULL;
