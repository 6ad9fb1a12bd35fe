import { ConfigError, EnvReader } from '../../shared/config/env-reader';
import { DEFAULT_MATCH_CONFIG, readMatchConfig } from './match-config';

function read(env: Record<string, string>) {
  const reader = new EnvReader('identity', env);
  return reader.done(readMatchConfig(reader));
}

describe('readMatchConfig', () => {
  it('defaults when unset and reads the environment otherwise', () => {
    expect(read({})).toEqual(DEFAULT_MATCH_CONFIG);
    expect(
      read({
        MATCH_AUTO_LINK_THRESHOLD: '0.99',
        MATCH_REVIEW_THRESHOLD: '0.3',
        MATCH_MAX_CANDIDATES: '50',
      }),
    ).toEqual({ autoLinkThreshold: 0.99, reviewThreshold: 0.3, maxCandidates: 50 });
  });

  it('reports every problem at once', () => {
    expect(() =>
      read({
        MATCH_AUTO_LINK_THRESHOLD: '0.4',
        MATCH_REVIEW_THRESHOLD: '7',
        MATCH_MAX_CANDIDATES: 'x',
      }),
    ).toThrow(ConfigError);
    try {
      read({ MATCH_AUTO_LINK_THRESHOLD: '0.4', MATCH_REVIEW_THRESHOLD: '0.6' });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'MATCH_REVIEW_THRESHOLD must not exceed MATCH_AUTO_LINK_THRESHOLD',
      ]);
    }
    expect.assertions(2);
  });
});
