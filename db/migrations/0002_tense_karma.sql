CREATE TYPE "public"."ad_vertical" AS ENUM('skincare', 'supplements', 'weight_loss', 'finance', 'b2b_saas', 'ecommerce', 'coaching', 'real_estate', 'recruiting', 'fitness', 'other');--> statement-breakpoint
CREATE TYPE "public"."special_ad_category" AS ENUM('credit', 'employment', 'housing', 'social_issues');--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "special_ad_category" "special_ad_category";--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "ad_vertical" "ad_vertical";