ALTER TYPE "public"."approval_decision" ADD VALUE 'retry';--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "llm_monthly_budget_cents" integer;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD COLUMN "waiting_draft_key" text;