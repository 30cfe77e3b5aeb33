/**
 * MetricSchema (`metric_schema`): the events and metrics tracked for a client, the KPIs chosen among them, and the
 * markets, languages, funnel and business model they were defined for (reference §3; SPEC §4).
 */
import * as z from 'zod';
import { checkUnique, list, longText, shortText, slug, uuid } from './common';
import { defineRule, ruleIssue } from './rules';

export const MetricDefinition = z.strictObject({
  id: slug(),
  name: shortText(),
  description: longText(1000).nullable(),
  /** e.g. `USD`, `%`, `count`, `seconds`. */
  unit: shortText(30).nullable(),
});
export type MetricDefinition = z.infer<typeof MetricDefinition>;

export const TrackedEvent = z.strictObject({
  id: slug(),
  name: shortText(),
  description: longText(1000).nullable(),
  /** Property names the event carries, e.g. `value`, `currency`, `sku`. */
  properties: list(shortText(100), 50),
  metrics: list(MetricDefinition, 30),
});
export type TrackedEvent = z.infer<typeof TrackedEvent>;

const PROMPTS = ['build/metric_schema'];

export const METRIC_SCHEMA_RULES = {
  uniqueEvents: defineRule({
    id: 'metric_schema.unique-event-ids',
    statement: 'Every event id is unique.',
    prompts: PROMPTS,
  }),
  uniqueMetrics: defineRule({
    id: 'metric_schema.unique-metric-ids',
    statement: 'Every metric id is unique across events.',
    prompts: PROMPTS,
  }),
  kpisDeclared: defineRule({
    id: 'metric_schema.kpis-declared',
    statement: 'Every KPI must be a metric id declared under `events[].metrics`.',
    prompts: PROMPTS,
  }),
};

export const MetricSchema = z
  .strictObject({
    clientId: uuid(),
    /** Markets actually served, e.g. `US`, `UK`, `DACH`. */
    markets: list(shortText(100), 50, 1),
    /** Languages actually used, e.g. `en-US`, `de`. */
    languages: list(shortText(50), 30, 1),
    /** The funnel actually used, e.g. "Meta ad → quiz → PDP → checkout → post-purchase email". */
    funnel: longText(2000).nullable(),
    /** The business model actually used, e.g. "DTC one-off + subscription (20% off)". */
    businessModel: longText(1000).nullable(),
    events: list(TrackedEvent, 50),
    /** Metric ids (declared under `events[].metrics`). */
    primaryKpis: list(slug(), 10),
    secondaryKpis: list(slug(), 20),
  })
  .superRefine((schema, ctx) => {
    const rules = METRIC_SCHEMA_RULES;
    checkUnique(schema.events, (e) => e.id, ctx, ['events'], 'event id', rules.uniqueEvents);
    const metricIds = new Set<string>();
    schema.events.forEach((event, e) => {
      event.metrics.forEach((metric, m) => {
        if (metricIds.has(metric.id)) {
          ruleIssue(
            ctx,
            rules.uniqueMetrics,
            ['events', e, 'metrics', m, 'id'],
            `Duplicate metric id "${metric.id}"`,
          );
        }
        metricIds.add(metric.id);
      });
    });
    for (const field of ['primaryKpis', 'secondaryKpis'] as const) {
      schema[field].forEach((kpi, k) => {
        if (!metricIds.has(kpi)) {
          ruleIssue(
            ctx,
            rules.kpisDeclared,
            [field, k],
            `"${kpi}" is not a metric id declared in events[].metrics`,
          );
        }
      });
    }
  });
export type MetricSchema = z.infer<typeof MetricSchema>;
