ALTER TABLE "funnels" ADD COLUMN "routing_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Hand-written (append again when this migration is regenerated): a publication's routing weights may change in
-- place (applied experiment decisions, the bandit; funnels.routing_version is bumped with them); its content stays
-- immutable.
DROP TRIGGER IF EXISTS funnel_publication_pages_immutable ON "funnel_publication_pages";--> statement-breakpoint
CREATE TRIGGER funnel_publication_pages_immutable BEFORE UPDATE ON "funnel_publication_pages" FOR EACH ROW WHEN (OLD.html IS DISTINCT FROM NEW.html OR OLD.content_hash IS DISTINCT FROM NEW.content_hash OR OLD.page_version_id IS DISTINCT FROM NEW.page_version_id OR OLD.slug IS DISTINCT FROM NEW.slug OR OLD.page_id IS DISTINCT FROM NEW.page_id OR OLD.variant_id IS DISTINCT FROM NEW.variant_id) EXECUTE FUNCTION mos_refuse_update();
