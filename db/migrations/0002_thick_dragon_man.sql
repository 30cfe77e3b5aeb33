CREATE TYPE "public"."ad_vertical" AS ENUM('skincare', 'supplements', 'weight_loss', 'finance', 'b2b_saas', 'ecommerce', 'coaching', 'real_estate', 'recruiting', 'fitness', 'other');--> statement-breakpoint
CREATE TYPE "public"."special_ad_category" AS ENUM('credit', 'employment', 'housing', 'social_issues');--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "markets" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "currency" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "special_ad_category" "special_ad_category";--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "ad_vertical" "ad_vertical";--> statement-breakpoint
ALTER TABLE "llm_calls" ADD COLUMN "prompt_id" text;--> statement-breakpoint
ALTER TABLE "llm_calls" ADD COLUMN "prompt_version" integer;--> statement-breakpoint
ALTER TABLE "llm_calls" ADD COLUMN "input_sha256" text;--> statement-breakpoint
ALTER TABLE "llm_calls" ADD COLUMN "output" jsonb;--> statement-breakpoint
CREATE INDEX "idx_llm_calls_org_prompt" ON "llm_calls" USING btree ("org_id","prompt_id","prompt_version");--> statement-breakpoint
-- Existing campaigns run in their client's first primary market, as planning assumed before markets existed;
-- a first market that is not an ISO alpha-2 code (after USA→US, UK→GB) leaves [] ("the client's first market").
UPDATE "campaigns" AS c SET "markets" = ARRAY[m.code]
FROM (
  SELECT cl."id", CASE upper(btrim(cl."primary_markets"[1])) WHEN 'USA' THEN 'US' WHEN 'UK' THEN 'GB'
    ELSE upper(btrim(cl."primary_markets"[1])) END AS code
  FROM "clients" AS cl
) AS m
WHERE m."id" = c."client_id" AND m.code ~ '^[A-Z]{2}$';
