import { EnvReader } from '../../subgraphs/shared/config/env-reader';
import { readOperationsConfig } from './operations-config';

function read(env: Record<string, string>, production = false) {
  const reader = new EnvReader('gateway', env);
  const config = readOperationsConfig(reader, production);
  return { config, done: () => reader.done({}) };
}

describe('readOperationsConfig', () => {
  it('has short readiness checks and a grace period under the 10 s hard stop by default', () => {
    expect(read({}).config).toEqual({
      readinessTimeoutMs: 1_000,
      readinessCacheMs: 1_000,
      shutdownGraceMs: 8_000,
      metrics: { access: 'open' },
    });
  });

  it('closes /metrics in production unless a token is set', () => {
    expect(read({}, true).config.metrics).toEqual({ access: 'off' });
    const token = 'a-long-metrics-token-0123';
    expect(read({ METRICS_TOKEN: token }, true).config.metrics).toEqual({ access: 'token', token });
    expect(read({ METRICS_TOKEN: 'dev' }).config.metrics).toEqual({
      access: 'token',
      token: 'dev',
    });
  });

  it('refuses short production tokens and grace periods past the hard stop', () => {
    expect(read({ METRICS_TOKEN: 'short' }, true).done).toThrow(/at least 16 characters/);
    expect(read({ SHUTDOWN_GRACE_MS: '20000' }).done).toThrow(/SHUTDOWN_GRACE_MS must be <= 9000/);
    expect(read({ READYZ_TIMEOUT_MS: '0' }).done).toThrow(/READYZ_TIMEOUT_MS/);
  });
});
