ALTER TABLE "llm_calls" ADD COLUMN "prompt_id" text;--> statement-breakpoint
ALTER TABLE "llm_calls" ADD COLUMN "prompt_version" integer;--> statement-breakpoint
ALTER TABLE "llm_calls" ADD COLUMN "input_sha256" text;--> statement-breakpoint
ALTER TABLE "llm_calls" ADD COLUMN "output" jsonb;--> statement-breakpoint
CREATE INDEX "idx_llm_calls_org_prompt" ON "llm_calls" USING btree ("org_id","prompt_id","prompt_version");