import { generateAssertionKeyPair } from '../identity-assertion';
import { readConsentConfig } from './consent-config';
import { ConfigError, EnvReader } from './env-reader';
import { readSubgraphBaseConfig } from './subgraph-config';

function consentConfigOf(raw: NodeJS.ProcessEnv) {
  const env = new EnvReader('test-subgraph', raw);
  const config = readConsentConfig(env, 'test-subgraph', raw);
  return env.done(config);
}

/** Everything production needs, so the only possible problem is the one under test. */
function productionEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production',
    PATIENTGRAPH_HOME: '/nonexistent/patientgraph-home',
    GATEWAY_ASSERTION_PUBLIC_KEY: generateAssertionKeyPair().publicKeyPem,
    SERVICE_TOKEN: 'a-production-service-token',
    ...extra,
  };
}

describe('CONSENT_ENFORCEMENT', () => {
  it('is on unless set otherwise', () => {
    expect(consentConfigOf({}).enforcement).toBe('on');
    expect(consentConfigOf({ CONSENT_ENFORCEMENT: 'on' }).enforcement).toBe('on');
  });

  it('can be turned off outside production', () => {
    expect(consentConfigOf({ CONSENT_ENFORCEMENT: 'off' }).enforcement).toBe('off');
    expect(
      consentConfigOf({ CONSENT_ENFORCEMENT: 'off', NODE_ENV: 'development' }).enforcement,
    ).toBe('off');
  });

  it('refuses values other than on and off', () => {
    expect(() => consentConfigOf({ CONSENT_ENFORCEMENT: 'disabled' })).toThrow(
      /CONSENT_ENFORCEMENT must be one of on, off/,
    );
  });

  it('refuses to boot a subgraph with enforcement off in production', () => {
    const raw = productionEnv({ CONSENT_ENFORCEMENT: 'off' });
    const env = new EnvReader('wearables', raw);
    const config = readSubgraphBaseConfig(env, 'wearables', { port: 0, store: 'wearables' }, raw);
    let error: unknown;
    try {
      env.done(config);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringMatching(/^CONSENT_ENFORCEMENT=off is refused when NODE_ENV=production/),
    ]);
  });

  it('boots the same production subgraph with enforcement on', () => {
    const raw = productionEnv({});
    const env = new EnvReader('wearables', raw);
    const config = env.done(
      readSubgraphBaseConfig(env, 'wearables', { port: 0, store: 'wearables' }, raw),
    );
    expect(config.consent.enforcement).toBe('on');
  });
});

describe('AUDIT_DATABASE_URL', () => {
  it('defaults to one SQLite file per audit log in the state folder', () => {
    const config = consentConfigOf({ PATIENTGRAPH_HOME: '/srv/patientgraph' });
    expect(config.auditDatabaseUrl).toBe('file:/srv/patientgraph/data/audit/{logId}.db');
    expect(config.auditLogId).toBe('test-subgraph');
  });

  it('takes one shared store, SQLite or PostgreSQL', () => {
    for (const url of ['file:/tmp/audit.db', 'postgresql://127.0.0.1:5432/pg?schema=audit']) {
      expect(consentConfigOf({ AUDIT_DATABASE_URL: url }).auditDatabaseUrl).toBe(url);
    }
  });

  it('refuses {logId} where it cannot name a file per log', () => {
    expect(() =>
      consentConfigOf({ AUDIT_DATABASE_URL: 'postgresql://127.0.0.1/pg?schema={logId}' }),
    ).toThrow(/\{logId\} is for SQLite file names/);
    expect(() => consentConfigOf({ AUDIT_DATABASE_URL: 'file:/tmp/{logId}/audit.db' })).toThrow(
      /only appear in the file name/,
    );
    expect(() =>
      consentConfigOf({ AUDIT_DATABASE_URL: 'file:/tmp/{logId}.db', AUDIT_LOG_ID: '../escape' }),
    ).toThrow(/AUDIT_LOG_ID "..\/escape" names a file/);
  });
});

describe('AUDIT_SYNCHRONOUS', () => {
  it('syncs every audit commit to disk unless the operator chooses otherwise', () => {
    expect(consentConfigOf({}).auditSynchronous).toBe('full');
    expect(consentConfigOf({ AUDIT_SYNCHRONOUS: 'normal' }).auditSynchronous).toBe('normal');
    expect(() => consentConfigOf({ AUDIT_SYNCHRONOUS: 'off' })).toThrow(
      /AUDIT_SYNCHRONOUS must be one of full, normal/,
    );
  });
});

describe('CONSENT_CACHE_MAX_ENTRIES', () => {
  it('bounds the consent cache, 250,000 answers unless set', () => {
    expect(consentConfigOf({}).consentCacheMaxEntries).toBe(250_000);
    expect(consentConfigOf({ CONSENT_CACHE_MAX_ENTRIES: '2000000' }).consentCacheMaxEntries).toBe(
      2_000_000,
    );
  });

  it('refuses a bound too small to hold one busy request', () => {
    expect(() => consentConfigOf({ CONSENT_CACHE_MAX_ENTRIES: '10' })).toThrow(
      /CONSENT_CACHE_MAX_ENTRIES/,
    );
  });
});
