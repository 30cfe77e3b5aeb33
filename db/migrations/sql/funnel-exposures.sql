-- funnel_exposures maintenance (hand-written; appended to the migration that creates funnel_exposures).
-- One row per (funnel, visitor, page): the first variant the visitor saw on the page and their outcomes in the
-- funnel at or after that moment. Statement-level AFTER INSERT triggers with transition tables: a batch is a few
-- set-based statements. An event the ingest skips (ON CONFLICT DO NOTHING on (publication_id, event_id)) is not in
-- the transition table, so a duplicate is never counted twice.
CREATE OR REPLACE FUNCTION mos_funnel_submit_value(p jsonb) RETURNS double precision AS $$
  -- A form submit's props.value: a number or numeric string >= 0; 0 when absent; NULL when unreadable.
  SELECT CASE WHEN p -> 'value' IS NULL OR jsonb_typeof(p -> 'value') = 'null' THEN 0::float8
    WHEN jsonb_typeof(p -> 'value') IN ('number', 'string') AND (p ->> 'value') ~ '^[0-9]+(\.[0-9]+)?$'
      THEN (p ->> 'value')::float8 END
$$ LANGUAGE sql IMMUTABLE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION mos_funnel_exposures_events() RETURNS trigger AS $$
BEGIN
  -- 1. This statement's submits onto exposures that already existed (seen at or before the submit).
  UPDATE funnel_exposures x
     SET submits = x.submits + o.submits, revenue = x.revenue + o.revenue, unreadable = x.unreadable + o.unreadable
    FROM (
      SELECT e.funnel_id, e.visitor_id, e.page_id, count(*)::int AS submits,
             coalesce(sum(s.v), 0) AS revenue, (count(*) FILTER (WHERE s.v IS NULL))::int AS unreadable
        FROM (SELECT n.funnel_id, n.visitor_id, n.occurred_at, mos_funnel_submit_value(n.props) AS v
                FROM mos_new_events n WHERE n.type = 'form_submit') s
        JOIN funnel_exposures e
          ON e.funnel_id = s.funnel_id AND e.visitor_id = s.visitor_id AND e.first_seen_at <= s.occurred_at
       GROUP BY 1, 2, 3
    ) o
   WHERE x.funnel_id = o.funnel_id AND x.visitor_id = o.visitor_id AND x.page_id = o.page_id;

  -- 2. Page views: a new exposure, or an earlier first view of a known one (events may arrive out of order).
  --    Their outcomes are computed from the stored rows at or after the first view, this statement's included,
  --    which replaces whatever step 1 added to a row whose first view moves earlier.
  INSERT INTO funnel_exposures AS x
         (org_id, funnel_id, page_id, visitor_id, variant_id, first_seen_at, submits, revenue, unreadable, leads)
  SELECT f.org_id, f.funnel_id, f.page_id, f.visitor_id, f.variant_id, f.first_seen_at,
         coalesce(s.submits, 0), coalesce(s.revenue, 0), coalesce(s.unreadable, 0), coalesce(l.leads, 0)
    FROM (SELECT DISTINCT ON (n.funnel_id, n.visitor_id, n.page_id)
                 n.org_id, n.funnel_id, n.page_id, n.visitor_id, n.variant_id, n.occurred_at AS first_seen_at
            FROM mos_new_events n WHERE n.type = 'page_view'
           ORDER BY n.funnel_id, n.visitor_id, n.page_id, n.occurred_at, n.event_id) f
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS submits, coalesce(sum(z.v), 0) AS revenue,
             (count(*) FILTER (WHERE z.v IS NULL))::int AS unreadable
        FROM (SELECT mos_funnel_submit_value(e.props) AS v FROM funnel_events e
               WHERE e.funnel_id = f.funnel_id AND e.visitor_id = f.visitor_id AND e.type = 'form_submit'
                 AND e.occurred_at >= f.first_seen_at) z
    ) s ON true
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS leads FROM funnel_leads d
       WHERE d.funnel_id = f.funnel_id AND d.visitor_id = f.visitor_id AND d.created_at >= f.first_seen_at
    ) l ON true
  ON CONFLICT (funnel_id, visitor_id, page_id) DO UPDATE
     SET variant_id = excluded.variant_id, first_seen_at = excluded.first_seen_at, submits = excluded.submits,
         revenue = excluded.revenue, unreadable = excluded.unreadable, leads = excluded.leads
   WHERE excluded.first_seen_at < x.first_seen_at;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION mos_funnel_exposures_leads() RETURNS trigger AS $$
BEGIN
  -- Leads onto exposures seen at or before them; an exposure created later counts earlier leads itself.
  UPDATE funnel_exposures x SET leads = x.leads + o.leads
    FROM (
      SELECT e.funnel_id, e.visitor_id, e.page_id, count(*)::int AS leads
        FROM mos_new_leads n
        JOIN funnel_exposures e
          ON e.funnel_id = n.funnel_id AND e.visitor_id = n.visitor_id AND e.first_seen_at <= n.created_at
       GROUP BY 1, 2, 3
    ) o
   WHERE x.funnel_id = o.funnel_id AND x.visitor_id = o.visitor_id AND x.page_id = o.page_id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER funnel_events_exposures AFTER INSERT ON "funnel_events" REFERENCING NEW TABLE AS mos_new_events FOR EACH STATEMENT EXECUTE FUNCTION mos_funnel_exposures_events();
--> statement-breakpoint
CREATE TRIGGER funnel_leads_exposures AFTER INSERT ON "funnel_leads" REFERENCING NEW TABLE AS mos_new_leads FOR EACH STATEMENT EXECUTE FUNCTION mos_funnel_exposures_leads();
--> statement-breakpoint
-- Backfill: the exposures of the events and leads stored before this migration.
INSERT INTO funnel_exposures (org_id, funnel_id, page_id, visitor_id, variant_id, first_seen_at, submits, revenue, unreadable, leads)
SELECT f.org_id, f.funnel_id, f.page_id, f.visitor_id, f.variant_id, f.first_seen_at,
       coalesce(s.submits, 0), coalesce(s.revenue, 0), coalesce(s.unreadable, 0), coalesce(l.leads, 0)
  FROM (SELECT DISTINCT ON (n.funnel_id, n.visitor_id, n.page_id)
               n.org_id, n.funnel_id, n.page_id, n.visitor_id, n.variant_id, n.occurred_at AS first_seen_at
          FROM funnel_events n WHERE n.type = 'page_view'
         ORDER BY n.funnel_id, n.visitor_id, n.page_id, n.occurred_at, n.event_id) f
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS submits, coalesce(sum(z.v), 0) AS revenue,
           (count(*) FILTER (WHERE z.v IS NULL))::int AS unreadable
      FROM (SELECT mos_funnel_submit_value(e.props) AS v FROM funnel_events e
             WHERE e.funnel_id = f.funnel_id AND e.visitor_id = f.visitor_id AND e.type = 'form_submit'
               AND e.occurred_at >= f.first_seen_at) z
  ) s ON true
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS leads FROM funnel_leads d
     WHERE d.funnel_id = f.funnel_id AND d.visitor_id = f.visitor_id AND d.created_at >= f.first_seen_at
  ) l ON true;
