CREATE TABLE "asset_platform_ads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"external_ad_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_asset_platform_ads" UNIQUE("org_id","platform","external_ad_id")
);
--> statement-breakpoint
CREATE TABLE "ad_connectors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"settings" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"last_pulled_at" timestamp (3) with time zone,
	"last_result" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_ad_connectors_platform" UNIQUE("client_id","platform")
);
--> statement-breakpoint
CREATE TABLE "experiment_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"experiment_id" uuid NOT NULL,
	"phase" integer NOT NULL,
	"workflow_run_id" uuid,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	"winning_arm_id" text,
	"reading" jsonb NOT NULL,
	"rationale" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"approval_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	"feedback" text,
	"applied" jsonb,
	"applied_at" timestamp (3) with time zone,
	"report_artifact_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experiment_effects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"experiment_id" uuid NOT NULL,
	"phase" integer NOT NULL,
	"vertical" text NOT NULL,
	"metric" text NOT NULL,
	"tested_variable" text,
	"arm_id" text NOT NULL,
	"lift" jsonb NOT NULL,
	"report_artifact_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_experiment_effects_arm" UNIQUE("experiment_id","phase","arm_id")
);
--> statement-breakpoint
CREATE TABLE "experiment_phases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"experiment_id" uuid NOT NULL,
	"phase" integer NOT NULL,
	"plan" jsonb NOT NULL,
	"reason" text NOT NULL,
	"locked_by" uuid,
	"approval_id" uuid,
	"started_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp (3) with time zone,
	CONSTRAINT "uq_experiment_phases_phase" UNIQUE("experiment_id","phase")
);
--> statement-breakpoint
CREATE TABLE "experiment_readings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"experiment_id" uuid NOT NULL,
	"phase" integer NOT NULL,
	"poll" integer NOT NULL,
	"workflow_run_id" uuid,
	"read_at" timestamp (3) with time zone NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_experiment_readings_poll" UNIQUE("experiment_id","workflow_run_id","poll")
);
--> statement-breakpoint
CREATE TABLE "snapshot_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"experiment_id" uuid,
	"file_name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"rows_imported" integer NOT NULL,
	"rows_revised" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "asset_performance_snapshots" ADD COLUMN "source" text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE "asset_performance_snapshots" ADD COLUMN "source_ref" text;--> statement-breakpoint
ALTER TABLE "asset_performance_snapshots" ADD COLUMN "attribution_window" text;--> statement-breakpoint
ALTER TABLE "asset_performance_snapshots" ADD COLUMN "revision" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "asset_performance_snapshots" ADD COLUMN "pulled_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "baseline_metric" text;--> statement-breakpoint
ALTER TABLE "experiments" ADD COLUMN "phase" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "experiments" ADD COLUMN "plan" jsonb;--> statement-breakpoint
ALTER TABLE "experiments" ADD COLUMN "plan_locked_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "experiments" ADD COLUMN "decision" text;--> statement-breakpoint
ALTER TABLE "experiments" ADD COLUMN "winning_arm_id" text;--> statement-breakpoint
ALTER TABLE "asset_platform_ads" ADD CONSTRAINT "asset_platform_ads_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_platform_ads" ADD CONSTRAINT "asset_platform_ads_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_connectors" ADD CONSTRAINT "ad_connectors_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ad_connectors" ADD CONSTRAINT "ad_connectors_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_decisions" ADD CONSTRAINT "experiment_decisions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_decisions" ADD CONSTRAINT "experiment_decisions_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_decisions" ADD CONSTRAINT "experiment_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_decisions" ADD CONSTRAINT "experiment_decisions_report_artifact_id_artifacts_id_fk" FOREIGN KEY ("report_artifact_id") REFERENCES "public"."artifacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_effects" ADD CONSTRAINT "experiment_effects_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_effects" ADD CONSTRAINT "experiment_effects_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_effects" ADD CONSTRAINT "experiment_effects_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_effects" ADD CONSTRAINT "experiment_effects_report_artifact_id_artifacts_id_fk" FOREIGN KEY ("report_artifact_id") REFERENCES "public"."artifacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_phases" ADD CONSTRAINT "experiment_phases_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_phases" ADD CONSTRAINT "experiment_phases_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_phases" ADD CONSTRAINT "experiment_phases_locked_by_users_id_fk" FOREIGN KEY ("locked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_readings" ADD CONSTRAINT "experiment_readings_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_readings" ADD CONSTRAINT "experiment_readings_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_imports" ADD CONSTRAINT "snapshot_imports_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_imports" ADD CONSTRAINT "snapshot_imports_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_imports" ADD CONSTRAINT "snapshot_imports_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_imports" ADD CONSTRAINT "snapshot_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_experiment_decisions_exp" ON "experiment_decisions" USING btree ("experiment_id","created_at");--> statement-breakpoint
CREATE INDEX "idx_experiment_effects_vertical" ON "experiment_effects" USING btree ("org_id","vertical","metric");--> statement-breakpoint
CREATE INDEX "idx_experiment_readings_exp" ON "experiment_readings" USING btree ("experiment_id","phase","read_at");--> statement-breakpoint
CREATE INDEX "idx_snapshot_imports_client" ON "snapshot_imports" USING btree ("client_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_snapshots_window" ON "asset_performance_snapshots" USING btree ("asset_id","source","time_from","time_to","attribution_window") WHERE "asset_performance_snapshots"."source" <> 'manual';