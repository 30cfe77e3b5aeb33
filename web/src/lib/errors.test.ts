import { describe, expect, it } from 'vitest';
import { json, stubFetch } from '@/test/http';
import { errorMessage, fieldIssuesOf, mapFieldErrors } from './errors';
import { createApiClient } from './trpc';

const FIELDS = ['name', 'industry', 'primaryMarkets', 'offers.0.price'] as const;

describe('mapFieldErrors', () => {
  it('puts each issue on the field its path names', () => {
    const { errors, unmatched } = mapFieldErrors(
      [
        { path: ['name'], message: 'is required' },
        { path: ['industry'], message: 'must be at most 200 characters' },
      ],
      FIELDS,
    );
    expect(errors).toEqual({ name: 'is required', industry: 'must be at most 200 characters' });
    expect(unmatched).toEqual([]);
  });

  it('matches dotted paths exactly and falls back to the closest named ancestor', () => {
    const { errors } = mapFieldErrors(
      [
        { path: ['offers', 0, 'price'], message: 'must be positive' },
        { path: ['primaryMarkets', 2], message: 'Too small: expected string to have >=2 characters' },
      ],
      FIELDS,
    );
    expect(errors['offers.0.price']).toBe('must be positive');
    expect(errors.primaryMarkets).toBe('Too small: expected string to have >=2 characters');
  });

  it('keeps the first message per field and returns issues no field claims', () => {
    const stray = { path: ['cursor'], message: 'is not a valid cursor' };
    const { errors, unmatched } = mapFieldErrors(
      [
        { path: ['name'], message: 'first' },
        { path: ['name'], message: 'second' },
        stray,
        { path: [], message: 'x' },
      ],
      FIELDS,
    );
    expect(errors).toEqual({ name: 'first' });
    expect(unmatched).toEqual([stray, { path: [], message: 'x' }]);
  });
});

describe('fieldIssuesOf', () => {
  it('reads data.fieldErrors from a tRPC error response', async () => {
    stubFetch(() =>
      json(
        [
          {
            error: {
              message: 'invalid input',
              code: -32600,
              data: {
                code: 'BAD_REQUEST',
                httpStatus: 400,
                path: 'clients.create',
                fieldErrors: [{ path: ['name'], message: 'is required' }],
              },
            },
          },
        ],
        400,
      ),
    );
    const client = createApiClient({ baseUrl: 'http://api.test', getToken: () => 't' });
    const err = await client.clients.create.mutate({ name: 'x' }).catch((e: unknown) => e);
    expect(fieldIssuesOf(err)).toEqual([{ path: ['name'], message: 'is required' }]);
    expect(errorMessage(err)).toBe('invalid input');
  });

  it('turns a zod issue dump in the message into readable text', async () => {
    const issues = [
      { path: ['name'], message: 'is required' },
      { path: ['primaryMarkets', 0], message: 'Too small' },
    ];
    stubFetch(() =>
      json(
        [
          {
            error: {
              message: JSON.stringify(issues, null, 2),
              code: -32600,
              data: { code: 'BAD_REQUEST', httpStatus: 400, path: 'clients.create', fieldErrors: issues },
            },
          },
        ],
        400,
      ),
    );
    const client = createApiClient({ baseUrl: 'http://api.test', getToken: () => 't' });
    const err = await client.clients.create.mutate({ name: '' }).catch((e: unknown) => e);
    expect(errorMessage(err)).toBe('name: is required; primaryMarkets.0: Too small');
  });

  it('returns nothing for errors that are not tRPC errors', () => {
    expect(fieldIssuesOf(new Error('boom'))).toEqual([]);
  });
});
