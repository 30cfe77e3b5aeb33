CREATE TABLE "deploy_host_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"host" text NOT NULL,
	"fingerprint" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_deploy_host_keys_host" UNIQUE("project_id","host")
);
--> statement-breakpoint
CREATE TABLE "deploy_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"step" text NOT NULL,
	"level" text NOT NULL,
	"line" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_deploy_logs_seq" UNIQUE("run_id","seq")
);
--> statement-breakpoint
CREATE TABLE "deploy_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"plan" jsonb NOT NULL,
	"source" text NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_deploy_plans_version" UNIQUE("project_id","version")
);
--> statement-breakpoint
CREATE TABLE "deploy_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_deploy_projects_name" UNIQUE("org_id","name")
);
--> statement-breakpoint
CREATE TABLE "deploy_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"rollback_of_run_id" uuid,
	"funnel_id" uuid,
	"requested_by" uuid,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"resolved_spec" jsonb,
	"server_ips" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"access_urls" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"releases" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"workflow_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "deploy_host_keys" ADD CONSTRAINT "deploy_host_keys_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_host_keys" ADD CONSTRAINT "deploy_host_keys_project_id_deploy_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."deploy_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_logs" ADD CONSTRAINT "deploy_logs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_logs" ADD CONSTRAINT "deploy_logs_run_id_deploy_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."deploy_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_plans" ADD CONSTRAINT "deploy_plans_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_plans" ADD CONSTRAINT "deploy_plans_project_id_deploy_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."deploy_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_plans" ADD CONSTRAINT "deploy_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_projects" ADD CONSTRAINT "deploy_projects_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_projects" ADD CONSTRAINT "deploy_projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_runs" ADD CONSTRAINT "deploy_runs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_runs" ADD CONSTRAINT "deploy_runs_project_id_deploy_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."deploy_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_runs" ADD CONSTRAINT "deploy_runs_plan_id_deploy_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."deploy_plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_runs" ADD CONSTRAINT "deploy_runs_funnel_id_funnels_id_fk" FOREIGN KEY ("funnel_id") REFERENCES "public"."funnels"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deploy_runs" ADD CONSTRAINT "deploy_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_deploy_plans_org" ON "deploy_plans" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "idx_deploy_runs_project" ON "deploy_runs" USING btree ("project_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_deploy_runs_org" ON "deploy_runs" USING btree ("org_id","created_at" DESC NULLS LAST);--> statement-breakpoint
-- A plan version is immutable: a change is a new version, so every run names exactly what it applied.
CREATE TRIGGER deploy_plans_immutable BEFORE UPDATE ON "deploy_plans" FOR EACH ROW WHEN (OLD.plan IS DISTINCT FROM NEW.plan OR OLD.version IS DISTINCT FROM NEW.version OR OLD.project_id IS DISTINCT FROM NEW.project_id) EXECUTE FUNCTION mos_refuse_update();
