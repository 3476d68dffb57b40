import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from './env.ts';

describe('configuration from the environment', () => {
  it('has working defaults, so `npm start` needs no configuration', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: './data', LOG_LEVEL: 'info', DEMO_DATA: 'on' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.BASE_URL).toBe('http://localhost:3000');
  });

  it('reads every variable it documents', () => {
    const env = parseEnv({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/srv/compact',
      DATABASE_URL: 'postgresql://app@db.internal:5432/compact',
      BASE_URL: 'https://compact.example.org/',
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'off',
      OIDC_TRUSTED_ORIGINS: 'http://10.0.0.5:8080/, https://idp.internal',
    });
    expect(env).toEqual({
      PORT: 8080,
      HOST: '0.0.0.0',
      DATA_DIR: '/srv/compact',
      DATABASE_URL: 'postgresql://app@db.internal:5432/compact',
      BASE_URL: 'https://compact.example.org',
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'off',
      OIDC_TRUSTED_ORIGINS: ['http://10.0.0.5:8080', 'https://idp.internal'],
    });
  });

  it('treats an empty value as unset', () => {
    expect(parseEnv({ PORT: '', DATABASE_URL: '' })).toMatchObject({ PORT: 3000, DATABASE_URL: undefined });
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT must be a whole number from 1 to 65535 \(got "abc"\)/],
    [{ PORT: '70000' }, /PORT must be a whole number from 1 to 65535 \(got "70000"\)/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    [{ DEMO_DATA: 'yes' }, /DEMO_DATA must be "on" or "off" \(got "yes"\)/],
    [{ BASE_URL: 'ftp://example.org' }, /BASE_URL must be an http\(s\) URL/],
    [{ OIDC_TRUSTED_ORIGINS: 'idp.internal' }, /OIDC_TRUSTED_ORIGINS must be http\(s\) origins/],
  ])('refuses %j with one line naming the variable', (input, message) => {
    const attempt = () => parseEnv(input);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('names every bad variable at once', () => {
    expect(() => parseEnv({ PORT: 'x', DEMO_DATA: 'maybe' })).toThrow(/PORT .*; DEMO_DATA /);
  });

  it('never echoes a database URL, which may hold a password', () => {
    const attempt = () => parseEnv({ DATABASE_URL: 'mysql://admin:s3cret@db/compact' });
    expect(attempt).toThrow(/DATABASE_URL must be a PostgreSQL connection URL/);
    expect(attempt).not.toThrow(/s3cret/);
  });
});
