CREATE TYPE "public"."consent_state" AS ENUM('granted', 'denied', 'not_asked');--> statement-breakpoint
CREATE TYPE "public"."funnel_domain_status" AS ENUM('pending', 'verified', 'active', 'disabled');--> statement-breakpoint
CREATE TYPE "public"."funnel_event_type" AS ENUM('page_view', 'cta_click', 'form_submit', 'funnel_enter');--> statement-breakpoint
CREATE TYPE "public"."funnel_status" AS ENUM('draft', 'published', 'disabled', 'archived');--> statement-breakpoint
CREATE TYPE "public"."lead_delivery_status" AS ENUM('none', 'pending', 'delivered', 'failed');--> statement-breakpoint
CREATE TYPE "public"."media_kind" AS ENUM('image', 'video');--> statement-breakpoint
CREATE TYPE "public"."media_source" AS ENUM('upload', 'ai', 'swipe', 'seed');--> statement-breakpoint
CREATE TYPE "public"."media_status" AS ENUM('pending', 'ready', 'failed');--> statement-breakpoint
CREATE TYPE "public"."media_storage" AS ENUM('r2', 'db', 'local');--> statement-breakpoint
CREATE TYPE "public"."funnel_page_version_source" AS ENUM('human', 'ai', 'duplicate');--> statement-breakpoint
CREATE TYPE "public"."funnel_page_version_status" AS ENUM('draft', 'approved');--> statement-breakpoint
CREATE TYPE "public"."funnel_publication_link_kind" AS ENUM('cta', 'form', 'auto');--> statement-breakpoint
ALTER TYPE "public"."workflow_kind" ADD VALUE 'funnel_publish';--> statement-breakpoint
ALTER TYPE "public"."workflow_kind" ADD VALUE 'funnel_page_draft';--> statement-breakpoint
ALTER TYPE "public"."workflow_kind" ADD VALUE 'lead_delivery';--> statement-breakpoint
ALTER TYPE "public"."workflow_kind" ADD VALUE 'event_forwarding';--> statement-breakpoint
ALTER TYPE "public"."workflow_kind" ADD VALUE 'swipe_media_import';--> statement-breakpoint
CREATE TABLE "funnel_assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"funnel_id" uuid NOT NULL,
	"media_id" uuid NOT NULL,
	"alt" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_funnel_assets_media" UNIQUE("funnel_id","media_id")
);
--> statement-breakpoint
CREATE TABLE "funnel_domains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"funnel_id" uuid,
	"hostname" text NOT NULL,
	"status" "funnel_domain_status" DEFAULT 'pending' NOT NULL,
	"verification_token" text NOT NULL,
	"verified_at" timestamp (3) with time zone,
	"last_checked_at" timestamp (3) with time zone,
	"last_error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_funnel_domains_hostname" UNIQUE("hostname")
);
--> statement-breakpoint
CREATE TABLE "funnel_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"funnel_id" uuid NOT NULL,
	"publication_id" uuid NOT NULL,
	"page_id" uuid NOT NULL,
	"variant_id" uuid,
	"event_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"type" "funnel_event_type" NOT NULL,
	"visitor_id" text NOT NULL,
	"session_id" text NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"received_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"host" text,
	"path" text,
	"referrer" text,
	"utm" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"click_ids" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"consent" "consent_state" DEFAULT 'not_asked' NOT NULL,
	"ip_hash" text,
	"user_agent" text,
	"props" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"forwarding" jsonb,
	CONSTRAINT "uq_funnel_events_event" UNIQUE("publication_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "funnel_leads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"funnel_id" uuid NOT NULL,
	"publication_id" uuid NOT NULL,
	"page_id" uuid NOT NULL,
	"variant_id" uuid,
	"block_id" text NOT NULL,
	"submission_id" uuid NOT NULL,
	"visitor_id" text NOT NULL,
	"fields" jsonb NOT NULL,
	"email" text,
	"consent" "consent_state" DEFAULT 'not_asked' NOT NULL,
	"utm" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"click_ids" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"host" text,
	"delivery_status" "lead_delivery_status" DEFAULT 'none' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_funnel_leads_submission" UNIQUE("publication_id","submission_id")
);
--> statement-breakpoint
CREATE TABLE "funnel_page_variants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"funnel_id" uuid NOT NULL,
	"page_id" uuid NOT NULL,
	"name" text NOT NULL,
	"experiment_id" text,
	"experiment_variant_id" text,
	"weight" integer DEFAULT 50 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funnel_page_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"funnel_id" uuid NOT NULL,
	"page_id" uuid NOT NULL,
	"variant_id" uuid,
	"status" "funnel_page_version_status" NOT NULL,
	"source" "funnel_page_version_source" NOT NULL,
	"document" jsonb NOT NULL,
	"ai_metadata" jsonb,
	"workflow_run_id" uuid,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funnel_pages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"funnel_id" uuid NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"next_page_id" uuid,
	"template_id" text,
	"ordering" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_funnel_pages_slug" UNIQUE("funnel_id","slug")
);
--> statement-breakpoint
CREATE TABLE "funnel_publication_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"publication_id" uuid NOT NULL,
	"from_page_id" uuid NOT NULL,
	"to_page_id" uuid NOT NULL,
	"kind" "funnel_publication_link_kind" NOT NULL,
	"label" text,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funnel_publication_pages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"publication_id" uuid NOT NULL,
	"page_id" uuid NOT NULL,
	"variant_id" uuid,
	"page_version_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"weight" integer DEFAULT 100 NOT NULL,
	"experiment_id" text,
	"experiment_variant_id" text,
	"html" text NOT NULL,
	"content_hash" text NOT NULL,
	"html_bytes" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_funnel_publication_pages_variant" UNIQUE NULLS NOT DISTINCT("publication_id","page_id","variant_id")
);
--> statement-breakpoint
CREATE TABLE "funnel_publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"funnel_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"entry_page_id" uuid NOT NULL,
	"entry_slug" text NOT NULL,
	"workflow_run_id" uuid,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_funnel_publications_number" UNIQUE("funnel_id","number")
);
--> statement-breakpoint
CREATE TABLE "funnel_slug_redirects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"funnel_id" uuid NOT NULL,
	"page_id" uuid NOT NULL,
	"from_slug" text NOT NULL,
	"to_slug" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_funnel_slug_redirects_from" UNIQUE("funnel_id","from_slug")
);
--> statement-breakpoint
CREATE TABLE "funnels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"campaign_id" uuid,
	"experiment_id" text,
	"offer_id" uuid,
	"name" text NOT NULL,
	"description" text,
	"status" "funnel_status" DEFAULT 'draft' NOT NULL,
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"entry_page_id" uuid,
	"active_publication_id" uuid,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_funnels_public_id" UNIQUE("public_id")
);
--> statement-breakpoint
CREATE TABLE "lead_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"url" text NOT NULL,
	"ok" boolean NOT NULL,
	"http_status" integer,
	"response_excerpt" text,
	"error" text,
	"duration_ms" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "media_objects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_id" uuid,
	"kind" "media_kind" NOT NULL,
	"source" "media_source" NOT NULL,
	"status" "media_status" DEFAULT 'pending' NOT NULL,
	"storage" "media_storage" NOT NULL,
	"storage_key" text NOT NULL,
	"mime_type" text,
	"size_bytes" bigint,
	"width" integer,
	"height" integer,
	"sha256" text,
	"bytes" "bytea",
	"thumbnail_storage_key" text,
	"thumbnail_mime_type" text,
	"thumbnail_width" integer,
	"thumbnail_height" integer,
	"thumbnail_bytes" "bytea",
	"origin_url" text,
	"file_name" text,
	"error" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_media_storage_key" UNIQUE("org_id","storage_key")
);
--> statement-breakpoint
CREATE TABLE "org_secrets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"ciphertext" text NOT NULL,
	"iv" text NOT NULL,
	"key_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_org_secrets_name" UNIQUE("org_id","name")
);
--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "design_tokens" jsonb;--> statement-breakpoint
ALTER TABLE "company_swipe_media" ADD COLUMN "media_id" uuid;--> statement-breakpoint
ALTER TABLE "funnel_assets" ADD CONSTRAINT "funnel_assets_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_assets" ADD CONSTRAINT "funnel_assets_funnel_id_funnels_id_fk" FOREIGN KEY ("funnel_id") REFERENCES "public"."funnels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_assets" ADD CONSTRAINT "funnel_assets_media_id_media_objects_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media_objects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_domains" ADD CONSTRAINT "funnel_domains_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_domains" ADD CONSTRAINT "funnel_domains_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_domains" ADD CONSTRAINT "funnel_domains_funnel_id_funnels_id_fk" FOREIGN KEY ("funnel_id") REFERENCES "public"."funnels"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_events" ADD CONSTRAINT "funnel_events_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_events" ADD CONSTRAINT "funnel_events_funnel_id_funnels_id_fk" FOREIGN KEY ("funnel_id") REFERENCES "public"."funnels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_leads" ADD CONSTRAINT "funnel_leads_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_leads" ADD CONSTRAINT "funnel_leads_funnel_id_funnels_id_fk" FOREIGN KEY ("funnel_id") REFERENCES "public"."funnels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_page_variants" ADD CONSTRAINT "funnel_page_variants_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_page_variants" ADD CONSTRAINT "funnel_page_variants_funnel_id_funnels_id_fk" FOREIGN KEY ("funnel_id") REFERENCES "public"."funnels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_page_variants" ADD CONSTRAINT "funnel_page_variants_page_id_funnel_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."funnel_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_page_versions" ADD CONSTRAINT "funnel_page_versions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_page_versions" ADD CONSTRAINT "funnel_page_versions_funnel_id_funnels_id_fk" FOREIGN KEY ("funnel_id") REFERENCES "public"."funnels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_page_versions" ADD CONSTRAINT "funnel_page_versions_page_id_funnel_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."funnel_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_page_versions" ADD CONSTRAINT "funnel_page_versions_variant_id_funnel_page_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."funnel_page_variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_page_versions" ADD CONSTRAINT "funnel_page_versions_workflow_run_id_workflow_runs_id_fk" FOREIGN KEY ("workflow_run_id") REFERENCES "public"."workflow_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_pages" ADD CONSTRAINT "funnel_pages_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_pages" ADD CONSTRAINT "funnel_pages_funnel_id_funnels_id_fk" FOREIGN KEY ("funnel_id") REFERENCES "public"."funnels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_pages" ADD CONSTRAINT "funnel_pages_next_page_id_funnel_pages_id_fk" FOREIGN KEY ("next_page_id") REFERENCES "public"."funnel_pages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_publication_links" ADD CONSTRAINT "funnel_publication_links_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_publication_links" ADD CONSTRAINT "funnel_publication_links_publication_id_funnel_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."funnel_publications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_publication_pages" ADD CONSTRAINT "funnel_publication_pages_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_publication_pages" ADD CONSTRAINT "funnel_publication_pages_publication_id_funnel_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."funnel_publications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_publication_pages" ADD CONSTRAINT "funnel_publication_pages_page_version_id_funnel_page_versions_id_fk" FOREIGN KEY ("page_version_id") REFERENCES "public"."funnel_page_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_publications" ADD CONSTRAINT "funnel_publications_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_publications" ADD CONSTRAINT "funnel_publications_funnel_id_funnels_id_fk" FOREIGN KEY ("funnel_id") REFERENCES "public"."funnels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_publications" ADD CONSTRAINT "funnel_publications_workflow_run_id_workflow_runs_id_fk" FOREIGN KEY ("workflow_run_id") REFERENCES "public"."workflow_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_slug_redirects" ADD CONSTRAINT "funnel_slug_redirects_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_slug_redirects" ADD CONSTRAINT "funnel_slug_redirects_funnel_id_funnels_id_fk" FOREIGN KEY ("funnel_id") REFERENCES "public"."funnels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_slug_redirects" ADD CONSTRAINT "funnel_slug_redirects_page_id_funnel_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."funnel_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnels" ADD CONSTRAINT "funnels_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnels" ADD CONSTRAINT "funnels_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnels" ADD CONSTRAINT "funnels_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnels" ADD CONSTRAINT "funnels_offer_id_product_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."product_offers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnels" ADD CONSTRAINT "funnels_entry_page_id_funnel_pages_id_fk" FOREIGN KEY ("entry_page_id") REFERENCES "public"."funnel_pages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnels" ADD CONSTRAINT "funnels_active_publication_id_funnel_publications_id_fk" FOREIGN KEY ("active_publication_id") REFERENCES "public"."funnel_publications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_deliveries" ADD CONSTRAINT "lead_deliveries_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_deliveries" ADD CONSTRAINT "lead_deliveries_lead_id_funnel_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."funnel_leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_objects" ADD CONSTRAINT "media_objects_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_objects" ADD CONSTRAINT "media_objects_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_secrets" ADD CONSTRAINT "org_secrets_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_funnel_domains_org" ON "funnel_domains" USING btree ("org_id","client_id");--> statement-breakpoint
CREATE INDEX "idx_funnel_events_funnel" ON "funnel_events" USING btree ("org_id","funnel_id","occurred_at");--> statement-breakpoint
CREATE INDEX "idx_funnel_events_variant" ON "funnel_events" USING btree ("funnel_id","page_id","variant_id","type");--> statement-breakpoint
CREATE INDEX "idx_funnel_events_forward" ON "funnel_events" USING btree ("org_id","received_at") WHERE "funnel_events"."forwarding" is null;--> statement-breakpoint
CREATE INDEX "idx_funnel_leads_funnel" ON "funnel_leads" USING btree ("org_id","funnel_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_funnel_leads_pending" ON "funnel_leads" USING btree ("org_id","created_at") WHERE "funnel_leads"."delivery_status" = 'pending';--> statement-breakpoint
CREATE INDEX "idx_funnel_page_variants_page" ON "funnel_page_variants" USING btree ("org_id","page_id");--> statement-breakpoint
CREATE INDEX "idx_funnel_page_versions_page" ON "funnel_page_versions" USING btree ("org_id","page_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "uq_funnel_page_versions_run" ON "funnel_page_versions" USING btree ("workflow_run_id","page_id") WHERE "funnel_page_versions"."workflow_run_id" is not null;--> statement-breakpoint
CREATE INDEX "idx_funnel_pages_funnel" ON "funnel_pages" USING btree ("org_id","funnel_id","ordering");--> statement-breakpoint
CREATE INDEX "idx_funnel_publication_links_pub" ON "funnel_publication_links" USING btree ("publication_id");--> statement-breakpoint
CREATE INDEX "idx_funnel_publication_pages_slug" ON "funnel_publication_pages" USING btree ("publication_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_funnel_publications_run" ON "funnel_publications" USING btree ("workflow_run_id") WHERE "funnel_publications"."workflow_run_id" is not null;--> statement-breakpoint
CREATE INDEX "idx_funnel_publications_funnel" ON "funnel_publications" USING btree ("org_id","funnel_id","number" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_funnels_org" ON "funnels" USING btree ("org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_funnels_client" ON "funnels" USING btree ("org_id","client_id");--> statement-breakpoint
CREATE INDEX "idx_lead_deliveries_lead" ON "lead_deliveries" USING btree ("org_id","lead_id","attempt");--> statement-breakpoint
CREATE INDEX "idx_media_org" ON "media_objects" USING btree ("org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_media_client" ON "media_objects" USING btree ("org_id","client_id");--> statement-breakpoint
ALTER TABLE "company_swipe_media" ADD CONSTRAINT "company_swipe_media_media_id_media_objects_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media_objects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE OR REPLACE FUNCTION mos_refuse_update() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER funnel_page_versions_immutable BEFORE UPDATE ON "funnel_page_versions" FOR EACH ROW WHEN (OLD.document IS DISTINCT FROM NEW.document OR OLD.status IS DISTINCT FROM NEW.status OR OLD.source IS DISTINCT FROM NEW.source OR OLD.page_id IS DISTINCT FROM NEW.page_id OR OLD.variant_id IS DISTINCT FROM NEW.variant_id) EXECUTE FUNCTION mos_refuse_update();
--> statement-breakpoint
CREATE TRIGGER funnel_publications_immutable BEFORE UPDATE ON "funnel_publications" FOR EACH ROW WHEN (OLD.funnel_id IS DISTINCT FROM NEW.funnel_id OR OLD.number IS DISTINCT FROM NEW.number OR OLD.entry_page_id IS DISTINCT FROM NEW.entry_page_id OR OLD.entry_slug IS DISTINCT FROM NEW.entry_slug) EXECUTE FUNCTION mos_refuse_update();
--> statement-breakpoint
CREATE TRIGGER funnel_publication_pages_immutable BEFORE UPDATE ON "funnel_publication_pages" FOR EACH ROW WHEN (OLD.html IS DISTINCT FROM NEW.html OR OLD.content_hash IS DISTINCT FROM NEW.content_hash OR OLD.page_version_id IS DISTINCT FROM NEW.page_version_id OR OLD.slug IS DISTINCT FROM NEW.slug OR OLD.weight IS DISTINCT FROM NEW.weight OR OLD.page_id IS DISTINCT FROM NEW.page_id OR OLD.variant_id IS DISTINCT FROM NEW.variant_id) EXECUTE FUNCTION mos_refuse_update();
