import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { InnerContext } from './context';
import { DomainError, toTRPCError } from './errors';

const t = initTRPC.context<InnerContext>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    // Field issues go back to forms: zod's from input parsing, or a service's own DomainError issues.
    const fieldErrors =
      cause instanceof ZodError
        ? cause.issues.map((i) => ({
            path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
            message: i.message,
          }))
        : cause instanceof DomainError && cause.issues.length > 0
          ? cause.issues
          : null;
    // Unknown failures never leak their message (SQL, driver or stack details) to the caller.
    const message =
      shape.data.code === 'INTERNAL_SERVER_ERROR'
        ? 'internal error'
        : fieldErrors && cause instanceof ZodError
          ? fieldErrors
              .slice(0, 5)
              .map((f) => `${f.path.join('.') || 'input'}: ${f.message}`)
              .join('; ')
          : shape.message;
    const retryAfterSeconds = cause instanceof DomainError ? cause.retryAfterSeconds : null;
    return { ...shape, message, data: { ...shape.data, stack: undefined, fieldErrors, retryAfterSeconds } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Maps whatever a resolver throws through the one DomainError → TRPCError adapter. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (
    !result.ok &&
    !(result.error.cause instanceof ZodError) &&
    result.error.code === 'INTERNAL_SERVER_ERROR'
  ) {
    const mapped = toTRPCError(result.error.cause ?? result.error);
    if (mapped.code !== 'INTERNAL_SERVER_ERROR') throw mapped;
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.auth.kind === 'anonymous')
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in required' });
  if (ctx.auth.kind === 'invalid') throw toTRPCError(ctx.auth.error);
  return next({ ctx: { ...ctx, identity: ctx.auth.identity } });
});

export const orgProcedure = authedProcedure.use(async ({ ctx, next }) => {
  if (!ctx.identity.org) throw new TRPCError({ code: 'FORBIDDEN', message: 'select an organization' });
  const member = await ctx.resolveMember(ctx.database.db, ctx.identity);
  return next({ ctx: { ...ctx, member, db: ctx.database.db } });
});

/** Operators and admins: run workflows and decide at gates. */
export const operatorProcedure = orgProcedure.use(({ ctx, next }) => {
  if (ctx.member.role === 'member') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'this action needs the operator or admin role' });
  }
  return next();
});

export const adminProcedure = orgProcedure.use(({ ctx, next }) => {
  if (ctx.member.role !== 'admin')
    throw new TRPCError({ code: 'FORBIDDEN', message: 'this action needs the admin role' });
  return next();
});

export type OrgContext = Parameters<Parameters<typeof orgProcedure.query>[0]>[0]['ctx'];
