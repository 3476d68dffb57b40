import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from './env.ts';

describe('configuration from the environment', () => {
  it('has working defaults, so `npm start` needs no configuration', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: './data', LOG_LEVEL: 'info', DEMO_DATA: 'on' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.BASE_URL).toBe('http://localhost:3000');
    expect(env).toMatchObject({ S3_BUCKET: undefined, S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: 'off' });
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
      UPLOAD_MAX_MB: '250',
      S3_BUCKET: 'compact-files',
      S3_ENDPOINT: 'http://minio.internal:9000',
      S3_REGION: 'eu-central-1',
      S3_ACCESS_KEY_ID: 'compact',
      S3_SECRET_ACCESS_KEY: 'a-long-secret-key',
      S3_FORCE_PATH_STYLE: 'on',
      S3_PREFIX: 'compact/production',
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
      UPLOAD_MAX_MB: 250,
      S3_BUCKET: 'compact-files',
      S3_ENDPOINT: 'http://minio.internal:9000',
      S3_REGION: 'eu-central-1',
      S3_ACCESS_KEY_ID: 'compact',
      S3_SECRET_ACCESS_KEY: 'a-long-secret-key',
      S3_FORCE_PATH_STYLE: 'on',
      S3_PREFIX: 'compact/production',
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
    [{ S3_BUCKET: 'Compact_Files' }, /S3_BUCKET must be a bucket name: 3 to 63 lowercase letters/],
    [{ S3_BUCKET: 'files', S3_ENDPOINT: 'minio:9000' }, /S3_ENDPOINT must be an http\(s\) URL/],
    [{ S3_REGION: 'https://s3.example.org' }, /S3_REGION must be a region name such as eu-central-1/],
    [{ S3_FORCE_PATH_STYLE: 'true' }, /S3_FORCE_PATH_STYLE must be "on" or "off" \(got "true"\)/],
    [{ S3_BUCKET: 'files', S3_PREFIX: '/compact' }, /S3_PREFIX must be letters, digits/],
    [{ S3_BUCKET: 'files', S3_PREFIX: 'a b' }, /S3_PREFIX must be letters, digits/],
    [{ S3_BUCKET: 'files', S3_ACCESS_KEY_ID: 'compact' }, /S3_ACCESS_KEY_ID needs S3_SECRET_ACCESS_KEY too/],
    [{ S3_ENDPOINT: 'https://minio.internal' }, /S3_ENDPOINT has no effect without S3_BUCKET/],
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

  it('never echoes the S3 secret key', () => {
    const attempt = () => parseEnv({ S3_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG' });
    expect(attempt).toThrow(
      /S3_SECRET_ACCESS_KEY needs S3_ACCESS_KEY_ID too \(got a value that is not shown\); S3_SECRET_ACCESS_KEY has no effect without S3_BUCKET/,
    );
    expect(attempt).not.toThrow(/wJalrXUtnFEMI/);
  });
});
