import { ConfigError, EnvReader } from './env-reader';

describe('EnvReader', () => {
  it('reads typed values and falls back to defaults', () => {
    const env = new EnvReader('test', { PORT: '4001', DEBUG: 'true', MODE: 'b' });
    const config = env.done({
      port: env.int('PORT', 0),
      debug: env.boolean('DEBUG', false),
      mode: env.oneOf('MODE', ['a', 'b'] as const, 'a'),
      name: env.string('NAME', 'x'),
    });
    expect(config).toEqual({ port: 4001, debug: true, mode: 'b', name: 'x' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every problem at once', () => {
    const env = new EnvReader('svc', { PORT: 'abc', DEBUG: 'maybe', URL: 'not a url' });
    env.int('PORT', 0);
    env.boolean('DEBUG', false);
    env.url('URL');
    env.string('REQUIRED');
    let error: unknown;
    try {
      env.done({});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'PORT must be an integer (got "abc")',
      'DEBUG must be true or false (got "maybe")',
      'URL must be a URL (got "not a url")',
      'REQUIRED is required',
    ]);
  });

  it('checks integer ranges', () => {
    const env = new EnvReader('svc', { PORT: '70000' });
    env.int('PORT', 0, { min: 0, max: 65535 });
    expect(() => env.done({})).toThrow('PORT must be <= 65535');
  });
});
