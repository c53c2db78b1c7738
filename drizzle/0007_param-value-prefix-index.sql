DROP INDEX "run_params_key_value_idx";--> statement-breakpoint
CREATE INDEX "run_params_key_value_idx" ON "run_params" USING btree ("key",left("value", 200));