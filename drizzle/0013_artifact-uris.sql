-- Runboard now stores artifacts: experiments and runs that still carry the old placeholder scheme get the
-- proxied-artifact URIs MLflow clients resolve (mlflow-artifacts:/<project>/<experiment>[/<run>/artifacts]).
UPDATE "experiments" AS e SET "artifact_location" = 'mlflow-artifacts:/' || p."slug" || '/' || e."id"
  FROM "projects" AS p
  WHERE p."id" = e."project_id" AND (e."artifact_location" LIKE 'runboard-artifacts:%' OR e."artifact_location" = '');
--> statement-breakpoint
UPDATE "runs" AS r SET "artifact_uri" = e."artifact_location" || '/' || r."id" || '/artifacts'
  FROM "experiments" AS e
  WHERE e."id" = r."experiment_id" AND (r."artifact_uri" LIKE 'runboard-artifacts:%' OR r."artifact_uri" = '');
