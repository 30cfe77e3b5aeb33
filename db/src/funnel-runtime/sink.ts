import {
  type FunnelEventRow,
  type FunnelLeadInsert,
  insertFunnelEvents,
  insertFunnelLeads,
} from '../data/funnel-public';
import type { Queryable } from '../db-type';
import type { IngestSink } from './types';

/** Node and dev: validated rows go straight into the database (each insert idempotent). */
export function directIngestSink(db: Queryable): IngestSink {
  return {
    kind: 'direct',
    async events(rows) {
      await insertFunnelEvents(db, rows);
    },
    async leads(rows) {
      await insertFunnelLeads(db, rows);
    },
  };
}

/** What travels on the FUNNEL_EVENTS queue: validated rows, ready to insert. */
export type FunnelQueueMessage =
  | { kind: 'events'; rows: FunnelEventRow[] }
  | { kind: 'leads'; rows: FunnelLeadInsert[] };

/** The subset of a Workers Queue producer binding used here. */
export interface QueueProducerLike {
  send(body: FunnelQueueMessage, options?: { contentType?: 'json' }): Promise<unknown>;
}

/** Workers in production: the request only enqueues, so a traffic spike never reaches the database directly. */
export function queueIngestSink(queue: QueueProducerLike): IngestSink {
  return {
    kind: 'queue',
    async events(rows) {
      await queue.send({ kind: 'events', rows }, { contentType: 'json' });
    },
    async leads(rows) {
      await queue.send({ kind: 'leads', rows }, { contentType: 'json' });
    },
  };
}

/** The subset of a Workers MessageBatch the consumer uses. */
export interface QueueMessageLike {
  readonly id: string;
  readonly body: unknown;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

const isMessage = (body: unknown): body is FunnelQueueMessage => {
  const b = body as { kind?: unknown; rows?: unknown } | null;
  return !!b && (b.kind === 'events' || b.kind === 'leads') && Array.isArray(b.rows);
};

/**
 * The queue consumer: one multi-row insert for all events and one for all leads of the batch (each `on conflict
 * do nothing`, so a redelivered message stores nothing twice), then every message acked. When the combined
 * insert fails, each message is tried alone so one bad message is retried without holding back the others.
 */
export async function consumeFunnelQueue(
  messages: readonly QueueMessageLike[],
  db: Queryable,
  log: (line: string) => void = () => undefined,
): Promise<{ acked: number; retried: number; dropped: number }> {
  const valid: (QueueMessageLike & { body: FunnelQueueMessage })[] = [];
  let dropped = 0;
  for (const m of messages) {
    if (isMessage(m.body)) valid.push(m as QueueMessageLike & { body: FunnelQueueMessage });
    else {
      // Never retried: a body of the wrong shape will not become valid.
      log(`[funnel-queue] dropped message ${m.id}: not a funnel ingest message`);
      m.ack();
      dropped++;
    }
  }
  const store = async (batch: typeof valid) => {
    const events = batch.flatMap((m) => (m.body.kind === 'events' ? m.body.rows : []));
    const leads = batch.flatMap((m) => (m.body.kind === 'leads' ? m.body.rows : []));
    await insertFunnelEvents(db, events);
    await insertFunnelLeads(db, leads);
  };
  try {
    await store(valid);
    for (const m of valid) m.ack();
    return { acked: valid.length, retried: 0, dropped };
  } catch (err) {
    log(
      `[funnel-queue] batch insert failed, trying messages one by one: ${err instanceof Error ? err.message : err}`,
    );
  }
  let acked = 0;
  let retried = 0;
  for (const m of valid) {
    try {
      await store([m]);
      m.ack();
      acked++;
    } catch {
      m.retry({ delaySeconds: 10 });
      retried++;
    }
  }
  return { acked, retried, dropped };
}
