import type { Db } from '@mos/db';
import type { Hono } from 'hono';

export interface RoundTripCase {
  path: string;
  input: unknown;
}

/** The list/get procedures to count, with inputs pointing at rows created here through the API. */
export async function roundTripCases(ctx: { app: Hono; token: string; db: Db; orgId: string }): Promise<RoundTripCase[]> {
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await ctx.app.request(`http://x/trpc/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path} failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { result: { data: T } }).result.data;
  };
  const client = await post<{ id: string }>('clients.create', { name: 'Round Trip Co', primaryMarkets: ['US'], primaryLanguages: ['en'] });
  return [
    { path: 'me.get', input: undefined },
    { path: 'clients.list', input: {} },
    { path: 'clients.get', input: { id: client.id } },
  ];
}
