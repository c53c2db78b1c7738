ALTER TABLE "ab_metric_daily" ADD COLUMN "shift" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ab_metric_daily" ADD COLUMN "s1" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ab_metric_daily" ADD COLUMN "s2" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ab_metric_sums" ADD COLUMN "shift" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ab_metric_sums" ADD COLUMN "s1" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ab_metric_sums" ADD COLUMN "s2" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Data: the all-time rows are rebuilt exactly from each unit's stored value, around their mean.
UPDATE "ab_metric_sums" t SET "n" = r.n, "shift" = r.k, "s1" = r.s1, "s2" = r.s2
FROM (
  SELECT test_id, variant, metric, count(*) AS n, k, sum(value - k) AS s1, sum((value - k) * (value - k)) AS s2
  FROM (SELECT *, avg(value) OVER (PARTITION BY test_id, variant, metric) AS k FROM "ab_unit_values") v
  GROUP BY test_id, variant, metric, k
) r
WHERE t.test_id = r.test_id AND t.variant = r.variant AND t.metric = r.metric;--> statement-breakpoint
-- The per-day rows hold additions, not units, so only their old sums remain: centred on their own mean, as
-- exact as those float sums allow (a day that only changed known units keeps its plain sums around 0).
UPDATE "ab_metric_daily" SET
  "shift" = CASE WHEN n > 0 THEN sum / n ELSE 0 END,
  "s1" = CASE WHEN n > 0 THEN 0 ELSE sum END,
  "s2" = CASE WHEN n > 0 THEN greatest(0, sum_squares - sum * sum / n) ELSE sum_squares END;--> statement-breakpoint
-- A unit that sent events was served: it becomes an exposure (at its first event), so every metric's
-- denominator (the exposed units) includes it, as new batches now do.
WITH ins AS (
  INSERT INTO "ab_exposures" (test_id, unit_id, variant, exposed_at)
  SELECT DISTINCT ON (e.test_id, e.unit_id) e.test_id, e.unit_id, e.variant, min(e.occurred_at) OVER (PARTITION BY e.test_id, e.unit_id)
  FROM "ab_events" e
  ORDER BY e.test_id, e.unit_id
  ON CONFLICT (test_id, unit_id) DO NOTHING
  RETURNING test_id, variant
)
UPDATE "ab_test_variants" tv SET "assigned" = tv.assigned + c.n
FROM (SELECT test_id, variant, count(*) AS n FROM ins GROUP BY test_id, variant) c
WHERE tv.test_id = c.test_id AND tv.key = c.variant;--> statement-breakpoint
ALTER TABLE "ab_metric_daily" DROP COLUMN "sum";--> statement-breakpoint
ALTER TABLE "ab_metric_daily" DROP COLUMN "sum_squares";--> statement-breakpoint
ALTER TABLE "ab_metric_sums" DROP COLUMN "sum";--> statement-breakpoint
ALTER TABLE "ab_metric_sums" DROP COLUMN "sum_squares";