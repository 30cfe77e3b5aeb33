CREATE TYPE "public"."approval_decision" AS ENUM('approve', 'reject', 'edit');--> statement-breakpoint
CREATE TYPE "public"."artifact_source" AS ENUM('ai', 'human', 'import');--> statement-breakpoint
CREATE TYPE "public"."artifact_status" AS ENUM('draft', 'approved', 'superseded');--> statement-breakpoint
CREATE TYPE "public"."artifact_type" AS ENUM('client_canon', 'metric_schema', 'strategy_sheet', 'experiment_spec', 'asset_brief', 'qa_report', 'experiment_report', 'playbook', 'research_step');--> statement-breakpoint
CREATE TYPE "public"."asset_source_type" AS ENUM('generated', 'historical', 'competitor_example');--> statement-breakpoint
CREATE TYPE "public"."asset_status" AS ENUM('draft', 'qa_passed', 'qa_failed', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."campaign_status" AS ENUM('draft', 'planning', 'running', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."client_status" AS ENUM('active', 'paused', 'archived');--> statement-breakpoint
CREATE TYPE "public"."experiment_status" AS ENUM('planned', 'running', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."llm_call_status" AS ENUM('ok', 'error');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('admin', 'operator', 'member');--> statement-breakpoint
CREATE TYPE "public"."workflow_kind" AS ENUM('client_onboarding', 'client_research', 'campaign_planning', 'experiment_design', 'creative_production', 'experiment_cycle', 'playbook_update', 'test_campaign');--> statement-breakpoint
CREATE TYPE "public"."workflow_status" AS ENUM('running', 'waiting_for_approval', 'completed', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "activity_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"workflow_run_id" uuid NOT NULL,
	"step" text NOT NULL,
	"status" text NOT NULL,
	"payload_in" jsonb,
	"payload_out" jsonb,
	"error" text,
	"duration_ms" integer,
	"idempotency_key" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_activity_logs_idempotency" UNIQUE("workflow_run_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"workflow_run_id" uuid NOT NULL,
	"gate" text NOT NULL,
	"decision" "approval_decision" NOT NULL,
	"feedback" text,
	"edited" jsonb,
	"approved_ids" text[] DEFAULT '{}' NOT NULL,
	"rejected_ids" text[] DEFAULT '{}' NOT NULL,
	"artifact_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "artifacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_id" uuid,
	"campaign_id" uuid,
	"type" "artifact_type" NOT NULL,
	"version" integer NOT NULL,
	"status" "artifact_status" DEFAULT 'draft' NOT NULL,
	"source" "artifact_source" NOT NULL,
	"data" jsonb NOT NULL,
	"workflow_run_id" uuid,
	"step_key" text,
	"created_by_user" uuid,
	"approved_by" uuid,
	"approved_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_artifacts_run_step" UNIQUE("workflow_run_id","step_key"),
	CONSTRAINT "uq_artifacts_version" UNIQUE NULLS NOT DISTINCT("org_id","client_id","campaign_id","type","version")
);
--> statement-breakpoint
CREATE TABLE "asset_performance_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"experiment_id" uuid,
	"time_from" timestamp (3) with time zone NOT NULL,
	"time_to" timestamp (3) with time zone NOT NULL,
	"metrics" jsonb NOT NULL,
	"segments" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"campaign_id" uuid,
	"experiment_id" uuid,
	"asset_brief_artifact_id" uuid,
	"variant_id" text,
	"source_type" "asset_source_type" NOT NULL,
	"status" "asset_status" DEFAULT 'draft' NOT NULL,
	"channel_id" text NOT NULL,
	"format" text NOT NULL,
	"icp_id" text,
	"funnel_stage_id" text,
	"concept_id" text,
	"angle_type" text,
	"content" jsonb NOT NULL,
	"qa" jsonb,
	"qa_report_artifact_id" uuid,
	"status_changed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text,
	"data" jsonb,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" "campaign_status" DEFAULT 'draft' NOT NULL,
	"goal_description" text,
	"objective_type" text,
	"numeric_target" numeric,
	"baseline" numeric,
	"timeframe_days" integer,
	"budget_min" numeric,
	"budget_max" numeric,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"industry" text,
	"primary_markets" text[] DEFAULT '{}' NOT NULL,
	"primary_languages" text[] DEFAULT '{}' NOT NULL,
	"status" "client_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experiments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"name" text NOT NULL,
	"experiment_spec_artifact_id" uuid NOT NULL,
	"spec_id" text NOT NULL,
	"status" "experiment_status" DEFAULT 'planned' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "llm_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"workflow_run_id" uuid,
	"activity" text NOT NULL,
	"model" text NOT NULL,
	"prompt_sha256" text NOT NULL,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"latency_ms" integer NOT NULL,
	"cost_usd" numeric(12, 6) DEFAULT 0 NOT NULL,
	"status" "llm_call_status" NOT NULL,
	"error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "onboarding_payloads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"data" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orgs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"external_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orgs_external_id_unique" UNIQUE("external_id")
);
--> statement-breakpoint
CREATE TABLE "product_offer_price_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"label" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" varchar(3) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"business_model" text NOT NULL,
	"differentiation_bullets" text[] DEFAULT '{}' NOT NULL,
	"guarantee_text" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "client_swipe_assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"company_swipe_id" uuid,
	"custom_title" text,
	"custom_body" text,
	"custom_channel" text,
	"custom_format" text,
	"custom_landing_page" text,
	"custom_media" jsonb,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"notes" text,
	"is_good_example" boolean DEFAULT false NOT NULL,
	"is_bad_example" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "company_swipe_assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"external_ad_id" text,
	"external_platform_ad_id" text,
	"brand_id" uuid,
	"title" text,
	"body" text,
	"platforms" text,
	"cta_type" text,
	"cta_text" text,
	"display_format" text,
	"landing_page" text,
	"link_description" text,
	"ad_source_link" text,
	"start_date" date,
	"end_date" date,
	"days_active" integer,
	"active_in_library" boolean,
	"active" boolean,
	"used_count" integer,
	"saved_count" integer,
	"likes" integer,
	"winning_score" integer,
	"winning_score_data" jsonb,
	"performance_score" integer,
	"performance_score_data" jsonb,
	"age_audience_min" integer,
	"age_audience_max" integer,
	"gender_audience" text,
	"eu_total_reach" numeric,
	"ad_spend_range_score" integer,
	"ad_spend_range_score_data" jsonb,
	"added_human_time" text,
	"added_by_user_human_time" text,
	"saved_by_this_user" boolean,
	"is_aaa_eligible" boolean,
	"is_saved" boolean,
	"is_used" boolean,
	"is_liked" boolean,
	"share_url" text,
	"embed_url" text,
	"ad_script" jsonb,
	"ad_reach_by_location" jsonb,
	"ad_spend" jsonb,
	"ad_library_object" jsonb,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', coalesce("company_swipe_assets"."title", '') || ' ' || coalesce("company_swipe_assets"."body", '') || ' ' || coalesce("company_swipe_assets"."link_description", ''))) STORED,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_swipe_assets_external" UNIQUE("org_id","external_ad_id")
);
--> statement-breakpoint
CREATE TABLE "company_swipe_brands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"external_brand_id" text,
	"name" text NOT NULL,
	"slug" text,
	"ad_library_link" text,
	"brand_page_link" text,
	"logo_url" text,
	"categories" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_swipe_brands_external" UNIQUE("org_id","external_brand_id")
);
--> statement-breakpoint
CREATE TABLE "company_swipe_media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"swipe_asset_id" uuid NOT NULL,
	"external_media_id" text,
	"path" text,
	"url" text,
	"thumbnail_path" text,
	"thumbnail_url" text,
	"disk" text,
	"type" text,
	"mime_type" text,
	"size_bytes" bigint,
	"video_length" integer,
	"download_url" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_swipe_media_external" UNIQUE("swipe_asset_id","external_media_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"clerk_user_id" text NOT NULL,
	"email" text,
	"name" text,
	"role" "user_role" DEFAULT 'member' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_users_org_clerk_user" UNIQUE("org_id","clerk_user_id"),
	CONSTRAINT "uq_users_org_email" UNIQUE("org_id","email")
);
--> statement-breakpoint
CREATE TABLE "workflow_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_id" uuid,
	"campaign_id" uuid,
	"temporal_workflow_id" text NOT NULL,
	"temporal_run_id" text NOT NULL,
	"kind" "workflow_kind" NOT NULL,
	"status" "workflow_status" DEFAULT 'running' NOT NULL,
	"current_step" text,
	"waiting_gate" text,
	"error" text,
	"input" jsonb,
	"started_by" uuid,
	"started_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activity_logs" ADD CONSTRAINT "activity_logs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_logs" ADD CONSTRAINT "activity_logs_workflow_run_id_workflow_runs_id_fk" FOREIGN KEY ("workflow_run_id") REFERENCES "public"."workflow_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_workflow_run_id_workflow_runs_id_fk" FOREIGN KEY ("workflow_run_id") REFERENCES "public"."workflow_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_artifact_id_artifacts_id_fk" FOREIGN KEY ("artifact_id") REFERENCES "public"."artifacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_workflow_run_id_workflow_runs_id_fk" FOREIGN KEY ("workflow_run_id") REFERENCES "public"."workflow_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_created_by_user_users_id_fk" FOREIGN KEY ("created_by_user") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_performance_snapshots" ADD CONSTRAINT "asset_performance_snapshots_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_performance_snapshots" ADD CONSTRAINT "asset_performance_snapshots_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_performance_snapshots" ADD CONSTRAINT "asset_performance_snapshots_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_asset_brief_artifact_id_artifacts_id_fk" FOREIGN KEY ("asset_brief_artifact_id") REFERENCES "public"."artifacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_qa_report_artifact_id_artifacts_id_fk" FOREIGN KEY ("qa_report_artifact_id") REFERENCES "public"."artifacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_experiment_spec_artifact_id_artifacts_id_fk" FOREIGN KEY ("experiment_spec_artifact_id") REFERENCES "public"."artifacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "llm_calls" ADD CONSTRAINT "llm_calls_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "llm_calls" ADD CONSTRAINT "llm_calls_workflow_run_id_workflow_runs_id_fk" FOREIGN KEY ("workflow_run_id") REFERENCES "public"."workflow_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_payloads" ADD CONSTRAINT "onboarding_payloads_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_payloads" ADD CONSTRAINT "onboarding_payloads_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "onboarding_payloads" ADD CONSTRAINT "onboarding_payloads_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_offer_price_points" ADD CONSTRAINT "product_offer_price_points_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_offer_price_points" ADD CONSTRAINT "product_offer_price_points_offer_id_product_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."product_offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_offers" ADD CONSTRAINT "product_offers_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_offers" ADD CONSTRAINT "product_offers_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_swipe_assets" ADD CONSTRAINT "client_swipe_assets_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_swipe_assets" ADD CONSTRAINT "client_swipe_assets_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_swipe_assets" ADD CONSTRAINT "client_swipe_assets_company_swipe_id_company_swipe_assets_id_fk" FOREIGN KEY ("company_swipe_id") REFERENCES "public"."company_swipe_assets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_swipe_assets" ADD CONSTRAINT "company_swipe_assets_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_swipe_assets" ADD CONSTRAINT "company_swipe_assets_brand_id_company_swipe_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."company_swipe_brands"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_swipe_brands" ADD CONSTRAINT "company_swipe_brands_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_swipe_media" ADD CONSTRAINT "company_swipe_media_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_swipe_media" ADD CONSTRAINT "company_swipe_media_swipe_asset_id_company_swipe_assets_id_fk" FOREIGN KEY ("swipe_asset_id") REFERENCES "public"."company_swipe_assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD CONSTRAINT "workflow_runs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD CONSTRAINT "workflow_runs_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD CONSTRAINT "workflow_runs_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_runs" ADD CONSTRAINT "workflow_runs_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_activity_logs_run" ON "activity_logs" USING btree ("workflow_run_id","created_at");--> statement-breakpoint
CREATE INDEX "idx_approvals_run" ON "approvals" USING btree ("workflow_run_id","decided_at");--> statement-breakpoint
CREATE INDEX "idx_artifacts_org_client_type" ON "artifacts" USING btree ("org_id","client_id","type","version" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_artifacts_campaign_type" ON "artifacts" USING btree ("campaign_id","type");--> statement-breakpoint
CREATE INDEX "idx_artifacts_org_created" ON "artifacts" USING btree ("org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_artifacts_gin_data" ON "artifacts" USING gin ("data");--> statement-breakpoint
CREATE INDEX "idx_snapshots_asset" ON "asset_performance_snapshots" USING btree ("asset_id");--> statement-breakpoint
CREATE INDEX "idx_snapshots_experiment" ON "asset_performance_snapshots" USING btree ("experiment_id");--> statement-breakpoint
CREATE INDEX "idx_assets_client_campaign" ON "assets" USING btree ("client_id","campaign_id");--> statement-breakpoint
CREATE INDEX "idx_assets_experiment" ON "assets" USING btree ("experiment_id");--> statement-breakpoint
CREATE INDEX "idx_assets_org" ON "assets" USING btree ("org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_assets_gin_content" ON "assets" USING gin ("content");--> statement-breakpoint
CREATE INDEX "idx_audit_log_org_at" ON "audit_log" USING btree ("org_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_campaigns_client" ON "campaigns" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "idx_campaigns_org" ON "campaigns" USING btree ("org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_clients_org" ON "clients" USING btree ("org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_experiments_campaign" ON "experiments" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "idx_experiments_org" ON "experiments" USING btree ("org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_llm_calls_org_created" ON "llm_calls" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "idx_llm_calls_run" ON "llm_calls" USING btree ("workflow_run_id");--> statement-breakpoint
CREATE INDEX "idx_onboarding_payloads_client" ON "onboarding_payloads" USING btree ("client_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_price_points_offer" ON "product_offer_price_points" USING btree ("offer_id");--> statement-breakpoint
CREATE INDEX "idx_product_offers_client" ON "product_offers" USING btree ("org_id","client_id");--> statement-breakpoint
CREATE INDEX "idx_client_swipes_client" ON "client_swipe_assets" USING btree ("org_id","client_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_swipe_assets_org" ON "company_swipe_assets" USING btree ("org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_swipe_assets_brand" ON "company_swipe_assets" USING btree ("brand_id");--> statement-breakpoint
CREATE INDEX "idx_swipe_assets_search" ON "company_swipe_assets" USING gin ("search");--> statement-breakpoint
CREATE INDEX "idx_swipe_media_asset" ON "company_swipe_media" USING btree ("swipe_asset_id");--> statement-breakpoint
CREATE INDEX "idx_workflow_runs_org" ON "workflow_runs" USING btree ("org_id","started_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_workflow_runs_client" ON "workflow_runs" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "idx_workflow_runs_campaign" ON "workflow_runs" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "idx_workflow_runs_temporal" ON "workflow_runs" USING btree ("temporal_workflow_id");