import { createPrivateKey, createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../../../test/helpers/temp-dir';
import { loadOrCreateDevSecrets, loadOrCreateDevTokenKeyPair } from './dev-secrets';

describe('development token key pair', () => {
  let temp: { dir: string; cleanup: () => void };
  beforeEach(() => {
    temp = makeTempDir('dev-secrets');
  });
  afterEach(() => temp.cleanup());

  it('is created with new secrets, as a matching EC P-256 pair', () => {
    const env = { PATIENTGRAPH_HOME: temp.dir };
    const secrets = loadOrCreateDevSecrets(env);
    const pair = loadOrCreateDevTokenKeyPair(env);
    expect(pair.privateKeyPem).toBe(secrets.tokenEs256PrivateKeyPem);
    const publicKey = createPublicKey(pair.publicKeyPem);
    expect(publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(createPublicKey(createPrivateKey(pair.privateKeyPem)).export({ format: 'jwk' })).toEqual(
      publicKey.export({ format: 'jwk' }),
    );
  });

  it('is added to a secrets file written before it existed, keeping everything else', () => {
    const env = { PATIENTGRAPH_HOME: temp.dir };
    const file = path.join(temp.dir, 'dev-secrets.json');
    const legacy = {
      assertionPrivateKeyPem: 'a',
      assertionPublicKeyPem: 'b',
      serviceToken: 'c',
      tokenSigningSecret: 'd',
    };
    fs.writeFileSync(file, JSON.stringify(legacy));
    const pair = loadOrCreateDevTokenKeyPair(env);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(stored).toMatchObject(legacy);
    expect(stored.tokenEs256PublicKeyPem).toBe(pair.publicKeyPem);
    expect(loadOrCreateDevTokenKeyPair(env)).toEqual(pair);
    expect(fs.readdirSync(temp.dir).sort()).toEqual(['dev-secrets.json']);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('takes over a lock left behind by a crashed process', () => {
    const file = path.join(temp.dir, 'dev-secrets.json');
    fs.writeFileSync(file, JSON.stringify({ serviceToken: 'c', tokenSigningSecret: 'd' }));
    const lock = `${file}.lock`;
    fs.writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    const pair = loadOrCreateDevTokenKeyPair({ PATIENTGRAPH_HOME: temp.dir });
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).tokenEs256PublicKeyPem).toBe(
      pair.publicKeyPem,
    );
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('is refused in production', () => {
    expect(() =>
      loadOrCreateDevTokenKeyPair({ PATIENTGRAPH_HOME: temp.dir, NODE_ENV: 'production' }),
    ).toThrow('refused');
  });
});
