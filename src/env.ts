import { z } from 'zod';

/**
 * The whole configuration surface of the platform, validated once at start-up (ADR 0004).
 * Every variable here is documented in the README's "Configuration" table.
 */
const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a whole number from 1 to 65535' })
    .int('must be a whole number from 1 to 65535')
    .min(1, 'must be a whole number from 1 to 65535')
    .max(65535, 'must be a whole number from 1 to 65535')
    .default(3000),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  DATABASE_URL: z
    .url({
      protocol: /^postgres(ql)?$/,
      error: 'must be a PostgreSQL connection URL such as postgres://user@host:5432/dbname',
    })
    .optional(),
  BASE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://compact.example.org' })
    .optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  DEMO_DATA: z.enum(['on', 'off'], { error: 'must be "on" or "off"' }).default('on'),
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      error: 'must be an SMTP URL such as smtps://user:password@mail.example.org:465',
    })
    .optional(),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (try: openssl rand -base64 32)').optional(),
  /** The largest file the document library accepts, in megabytes (issue 5). */
  UPLOAD_MAX_MB: z.coerce
    .number({ error: 'must be a whole number of megabytes from 1 to 2000' })
    .int('must be a whole number of megabytes from 1 to 2000')
    .min(1, 'must be a whole number of megabytes from 1 to 2000')
    .max(2000, 'must be a whole number of megabytes from 1 to 2000')
    .default(100),
  DEMO_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /**
   * Identity providers on a private network or loopback address, which the platform would otherwise
   * refuse to call (ADR 0019). Public https providers need nothing here.
   */
  OIDC_TRUSTED_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .url({ protocol: /^https?$/, error: 'must be http(s) origins separated by commas' })
          .transform((url) => new URL(url).origin),
      ),
    )
    .optional(),
  /** Set, files are kept in this S3-compatible bucket instead of `DATA_DIR/blobs` (ADR 0021). */
  S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens',
    )
    .optional(),
  S3_ENDPOINT: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://minio.example.org:9000' })
    .optional(),
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'must be a region name such as eu-central-1')
    .default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['on', 'off'], { error: 'must be "on" or "off"' }).default('off'),
  /** Keys are built from it, so it keeps to characters that need no escaping anywhere. */
  S3_PREFIX: z
    .string()
    .regex(
      /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/?$/,
      'must be letters, digits, ".", "_" and "-" in parts separated by "/", such as compact/production',
    )
    .optional(),
});

/** Rules across variables, checked after each has passed its own. */
const checkedEnvSchema = envSchema.superRefine((env, context) => {
  // Half a key pair would quietly fall back to the SDK's default chain.
  if (env.S3_ACCESS_KEY_ID && !env.S3_SECRET_ACCESS_KEY) {
    context.addIssue({
      code: 'custom',
      path: ['S3_ACCESS_KEY_ID'],
      message: 'needs S3_SECRET_ACCESS_KEY too',
    });
  }
  if (env.S3_SECRET_ACCESS_KEY && !env.S3_ACCESS_KEY_ID) {
    context.addIssue({
      code: 'custom',
      path: ['S3_SECRET_ACCESS_KEY'],
      message: 'needs S3_ACCESS_KEY_ID too',
    });
  }
  // Without a bucket, files stay in DATA_DIR: an S3 setting alone means the bucket was forgotten.
  if (!env.S3_BUCKET) {
    for (const name of ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_PREFIX'] as const) {
      if (env[name] !== undefined) {
        context.addIssue({ code: 'custom', path: [name], message: 'has no effect without S3_BUCKET' });
      }
    }
  }
});

/** Values never echoed back in an error message: they may carry credentials. */
const secretVariables = new Set([
  'DATABASE_URL',
  'AUTH_SECRET',
  'DEMO_PASSWORD',
  'SMTP_URL',
  'S3_SECRET_ACCESS_KEY',
]);

export type Env = z.infer<typeof envSchema> & { BASE_URL: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError whose message is one line naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, source[key] === '' ? undefined : source[key]]),
  );
  const result = checkedEnvSchema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const shown = secretVariables.has(name) ? 'a value that is not shown' : JSON.stringify(cleaned[name]);
      return `${name} ${issue.message} (got ${shown})`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}. See "Configuration" in README.md.`);
  }
  const env = result.data;
  return { ...env, BASE_URL: (env.BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '') };
}
