import { describe, expect, it } from 'vitest';
import { parseWorkerEnv, sshOverrides, stepModels } from '../src/env';

describe('worker environment', () => {
  it('applies defaults', () => {
    expect(parseWorkerEnv({ DATABASE_URL: 'pglite:memory', OPENAI_API_KEY: 'sk-test' })).toMatchObject({
      TEMPORAL_TASK_QUEUE: 'mos',
      TEMPORAL_NAMESPACE: 'default',
    });
  });

  it('names a missing or invalid variable without its value', () => {
    expect(() => parseWorkerEnv({ OPENAI_BASE_URL: 'sk-secret-value' })).toThrow(
      /DATABASE_URL[\s\S]*OPENAI_BASE_URL/,
    );
    expect(() => parseWorkerEnv({ OPENAI_BASE_URL: 'sk-secret-value' })).not.toThrow(/sk-secret-value/);
  });

  it('requires an LLM provider', () => {
    expect(() => parseWorkerEnv({ DATABASE_URL: 'pglite:memory' })).toThrow(
      /OPENAI_API_KEY: set OPENAI_API_KEY/,
    );
    expect(
      parseWorkerEnv({ DATABASE_URL: 'x', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }).OPENAI_BASE_URL,
    ).toBe('http://127.0.0.1:9/v1');
  });
});

describe('web search switch', () => {
  it('defaults to on and accepts only true/false', () => {
    const base = { DATABASE_URL: 'x', OPENAI_API_KEY: 'k' };
    expect(parseWorkerEnv(base).OPENAI_WEB_SEARCH).toBe(true);
    expect(parseWorkerEnv({ ...base, OPENAI_WEB_SEARCH: 'false' }).OPENAI_WEB_SEARCH).toBe(false);
    expect(() => parseWorkerEnv({ ...base, OPENAI_WEB_SEARCH: 'yes' })).toThrow(/OPENAI_WEB_SEARCH/);
  });
});

describe('models per step', () => {
  it('maps OPENAI_MODEL_* to the steps they name; empty means unset (OPENAI_MODEL)', () => {
    const base = { DATABASE_URL: 'x', OPENAI_API_KEY: 'k' };
    expect(
      stepModels(parseWorkerEnv({ ...base, OPENAI_MODEL_RESEARCH: '', OPENAI_MODEL_DEEP_RESEARCH: ' ' })),
    ).toEqual({});
    expect(
      stepModels(
        parseWorkerEnv({
          ...base,
          OPENAI_MODEL_RESEARCH: 'gpt-5-mini',
          OPENAI_MODEL_DEEP_RESEARCH: 'o3-deep-research',
          OPENAI_MODEL_CANON: 'gpt-5.2',
        }),
      ),
    ).toEqual({ research: 'gpt-5-mini', 'research:04': 'o3-deep-research', build_canon: 'gpt-5.2' });
  });
});

describe('LLM budget default', () => {
  it('is optional, a number of dollars, and refused when not one', () => {
    const base = { DATABASE_URL: 'x', OPENAI_API_KEY: 'k' };
    expect(parseWorkerEnv(base).LLM_MONTHLY_BUDGET_USD).toBeUndefined();
    expect(parseWorkerEnv({ ...base, LLM_MONTHLY_BUDGET_USD: '250' }).LLM_MONTHLY_BUDGET_USD).toBe(250);
    expect(() => parseWorkerEnv({ ...base, LLM_MONTHLY_BUDGET_USD: '-1' })).toThrow(/LLM_MONTHLY_BUDGET_USD/);
    expect(() => parseWorkerEnv({ ...base, LLM_MONTHLY_BUDGET_USD: 'lots' })).toThrow(
      /LLM_MONTHLY_BUDGET_USD/,
    );
  });
});

describe('funnel settings of the worker', () => {
  it('reads empty funnel settings (as in .env.example) as unset, and refuses a malformed forwarding origin', () => {
    const base = { DATABASE_URL: 'postgres://x', OPENAI_API_KEY: 'sk-x' };
    const env = parseWorkerEnv({
      ...base,
      MOS_SECRETS_KEY: '',
      MEDIA_DIR: '',
      META_GRAPH_BASE_URL: '',
      GA4_MP_BASE_URL: '',
    });
    expect([env.MOS_SECRETS_KEY, env.MEDIA_DIR, env.META_GRAPH_BASE_URL, env.GA4_MP_BASE_URL]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(() => parseWorkerEnv({ ...base, META_GRAPH_BASE_URL: 'not a url' })).toThrow(
      /META_GRAPH_BASE_URL/,
    );
  });
});

describe('deploy settings of the worker', () => {
  const base = { DATABASE_URL: 'postgres://x', OPENAI_API_KEY: 'sk-x' };

  it('reads empty deploy settings as unset (the root folder has a default)', () => {
    const env = parseWorkerEnv({
      ...base,
      TERRAFORM_BIN: '',
      DEPLOY_ROOT_DIR: '',
      DEPLOY_SSH_OVERRIDE: '',
      DEPLOY_PUBLIC_BASE_URL: '',
    });
    expect([
      env.TERRAFORM_BIN,
      env.DEPLOY_ROOT_DIR,
      env.DEPLOY_SSH_OVERRIDE,
      env.DEPLOY_PUBLIC_BASE_URL,
    ]).toEqual([undefined, '.mos/deploy', undefined, undefined]);
    expect(sshOverrides(env.DEPLOY_SSH_OVERRIDE)).toBeUndefined();
  });

  it('maps DEPLOY_SSH_OVERRIDE per instance (or * for all) and refuses a malformed one by name', () => {
    const env = parseWorkerEnv({ ...base, DEPLOY_SSH_OVERRIDE: 'web-1=127.0.0.1:2222,*=127.0.0.1:2200' });
    const target = sshOverrides(env.DEPLOY_SSH_OVERRIDE);
    expect(target?.({ instance: 'web-1' })).toEqual({ host: '127.0.0.1', port: 2222, username: 'root' });
    expect(target?.({ instance: 'db-1' })).toEqual({ host: '127.0.0.1', port: 2200, username: 'root' });
    expect(sshOverrides('web-1=10.0.0.5:22')?.({ instance: 'web-2' })).toBeNull();
    expect(() => parseWorkerEnv({ ...base, DEPLOY_SSH_OVERRIDE: '127.0.0.1:2222' })).toThrow(
      /DEPLOY_SSH_OVERRIDE/,
    );
  });
});
