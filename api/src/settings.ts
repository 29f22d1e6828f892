import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseBusinessHours, type BusinessHours } from "./calendar/businessHours.ts";

/** An optional variable: set to the empty string counts as unset (as `VAR= npm start` or a compose file leaves it). */
const unsetIfEmpty = <T extends z.ZodType<string | undefined>>(schema: T) => z.literal("").transform(() => undefined).or(schema);

const DURATION = /^\d+[smhd]?$/;
const DURATION_HINT = "like 30s, 5m, 72h or 7d (0: off)";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: unsetIfEmpty(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional()),
  DIRECT_DATABASE_URL: unsetIfEmpty(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional()),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  DATABASE_PREPARED_STATEMENTS: z.enum(["true", "false"]).default("true"),
  MIGRATION_LOCK_TIMEOUT_SECONDS: z.coerce.number().positive().max(3600).default(60),
  MAX_CONCURRENT_REQUESTS: z.coerce.number().int().min(1).max(10_000).default(64),
  MAX_QUEUED_REQUESTS: z.coerce.number().int().min(0).max(100_000).default(1000),
  TRUST_PROXY: z.string().default("loopback"),
  DATA_DIR: z.string().min(1).default("./data"),
  JWT_SECRET: unsetIfEmpty(z.string().min(32, "must be at least 32 characters").optional()),
  JWT_EXPIRES_IN: z.string().regex(/^\d+[smhd]?$/, "like 3600, 30m, 12h or 7d").default("12h"),
  CORS_ORIGINS: z.string().default(""),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  REDIS_URL: unsetIfEmpty(z.string().regex(/^rediss?:\/\//, "must be a redis:// URL").optional()),
  REDIS_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/, "letters, digits and _ : . - only").default("messagerie"),
  SSE_HEARTBEAT_SECONDS: z.coerce.number().positive().max(300).default(20),
  SSE_MAX_STREAMS_PER_USER: z.coerce.number().int().min(1).max(1000).default(10),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(10),
  LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(50),
  SEARCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(3000),
  MAX_CONCURRENT_SEARCHES: z.coerce.number().int().min(1).max(1000).default(6),
  MAX_CONCURRENT_SEARCHES_PER_USER: z.coerce.number().int().min(1).max(100).default(4),
  MAX_CONCURRENT_HASHES: z.coerce.number().int().min(1).max(64).optional(),
  BUSINESS_HOURS: unsetIfEmpty(z.string().optional()),
  HOLIDAYS: z.string().default(""),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1).max(1024 ** 3).default(10 * 1024 * 1024),
  ATTACHMENT_MAX_FILES: z.coerce.number().int().min(1).max(50).default(5),
  ATTACHMENT_QUOTA_BYTES: z.coerce.number().int().min(0).max(1024 ** 5).default(1024 ** 3),
  S3_ENDPOINT: unsetIfEmpty(z.url({ message: "must be a URL like https://s3.eu-west-3.amazonaws.com" }).optional()),
  S3_BUCKET: unsetIfEmpty(z.string().optional()),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: unsetIfEmpty(z.string().optional()),
  S3_SECRET_ACCESS_KEY: unsetIfEmpty(z.string().optional()),
  S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).default("false"),
  SMTP_URL: unsetIfEmpty(z.string().regex(/^smtps?:\/\//, "like smtp://user:pass@host:587 or smtps://user:pass@host:465").optional()),
  MAIL_FROM: z.string().min(3).default("Messagerie <no-reply@localhost>"),
  PUBLIC_URL: unsetIfEmpty(z.url({ message: "the address people open, like https://support.example.com" }).optional()),
  NOTIFY_DELAY: z.string().regex(DURATION, DURATION_HINT).default("5m"),
  REMINDER_AFTER: z.string().regex(DURATION, DURATION_HINT).default("72h"),
  AUTO_CLOSE_AFTER: z.string().regex(DURATION, DURATION_HINT).default("7d"),
  EMAIL_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
});

/** `30s`, `5m`, `72h`, `7d` (or a number of seconds) → milliseconds; `0` is 0 (off where it says so). */
export function durationMs(value: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(value.trim());
  if (!match) throw new SettingsError(`not a duration: ${value}`);
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as "" | "s" | "m" | "h" | "d"];
  return Number(match[1]) * unit * 1000;
}

/** `TRUST_PROXY` as Express takes it: true/false, a number of hops, or addresses and subnets separated by commas. */
function trustProxy(value: string): boolean | number | string {
  if (value === "true" || value === "false") return value === "true";
  return /^\d+$/.test(value) ? Number(value) : value;
}

export type Settings = {
  env: "development" | "production" | "test";
  port: number;
  databaseUrl?: string;
  /** For migrations and their advisory lock when DATABASE_URL goes through a transaction-mode pooler (PgBouncer). */
  directDatabaseUrl?: string;
  databasePoolSize: number;
  /** Statements prepared once per connection and reused (off through PgBouncer before 1.21 in transaction mode). */
  databasePreparedStatements: boolean;
  migrationLockTimeoutMs: number;
  /** The bounded queue in front of the API: requests served at once, and allowed to wait. */
  admission: { concurrency: number; queue: number };
  trustProxy: boolean | number | string;
  dataDir: string;
  jwtSecret: string;
  jwtExpiresIn: string;
  corsOrigins: string[];
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  redisUrl?: string;
  /** Names the Redis channel and keys, so that several deployments (or test runs) can share one Redis. */
  redisPrefix: string;
  /** How often an idle event stream gets a comment line, so proxies and clients know it is alive. */
  sseHeartbeatMs: number;
  sseMaxStreamsPerUser: number;
  /** Searches: how long one statement may run; how many run at once in this process, and for one user. */
  search: { timeoutMs: number; concurrency: number; concurrencyPerUser: number; queuePerUser?: number };
  login: { maxFailures: number; maxFailuresPerAddress: number; windowMs: number; concurrentHashes: number };
  /** When set, statistics also give every duration in business time. */
  businessHours?: BusinessHours;
  /** Files sent with messages: limits, and where they are kept (S3 when a bucket is set, else DATA_DIR/attachments). */
  attachments: { maxBytes: number; maxFiles: number; s3?: S3Settings; /** What one user's files may hold in all (0: no limit). */ quotaBytes?: number };
  /** Emails: SMTP when set, else .eml files under DATA_DIR/mail outside production, else none. Durations in ms. */
  notifications: {
    smtpUrl?: string;
    mailFrom: string;
    publicUrl: string;
    delayMs: number;
    reminderAfterMs: number;
    autoCloseAfterMs: number;
    /** Emails (and follow-ups) worked at once by this process (EMAIL_CONCURRENCY). */
    concurrency?: number;
  };
};

export type S3Settings = {
  bucket: string;
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

export class SettingsError extends Error {}

/** Reads the environment once at start-up; fails fast with every problem listed. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new SettingsError(`Invalid configuration:\n${problems.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  if (e.NODE_ENV === "production" && !e.JWT_SECRET) {
    throw new SettingsError("JWT_SECRET is required when NODE_ENV=production (at least 32 random characters).");
  }
  const businessHours = e.BUSINESS_HOURS === undefined ? undefined : parseBusinessHours(e.BUSINESS_HOURS, e.HOLIDAYS);
  if (typeof businessHours === "string") throw new SettingsError(`Invalid configuration:\n  BUSINESS_HOURS: ${businessHours}`);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    directDatabaseUrl: e.DIRECT_DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS === "true",
    migrationLockTimeoutMs: e.MIGRATION_LOCK_TIMEOUT_SECONDS * 1000,
    admission: { concurrency: e.MAX_CONCURRENT_REQUESTS, queue: e.MAX_QUEUED_REQUESTS },
    trustProxy: trustProxy(e.TRUST_PROXY.trim()),
    dataDir,
    jwtSecret: e.JWT_SECRET ?? developmentSecret(dataDir),
    jwtExpiresIn: e.JWT_EXPIRES_IN,
    corsOrigins: e.CORS_ORIGINS.split(",").map((origin) => origin.trim()).filter(Boolean),
    logLevel: e.LOG_LEVEL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    sseHeartbeatMs: e.SSE_HEARTBEAT_SECONDS * 1000,
    sseMaxStreamsPerUser: e.SSE_MAX_STREAMS_PER_USER,
    search: { timeoutMs: e.SEARCH_TIMEOUT_MS, concurrency: e.MAX_CONCURRENT_SEARCHES, concurrencyPerUser: e.MAX_CONCURRENT_SEARCHES_PER_USER },
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      maxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowMs: e.LOGIN_WINDOW_MINUTES * 60_000,
      // Hashing saturates a core each: leave one for everything else.
      concurrentHashes: e.MAX_CONCURRENT_HASHES ?? Math.max(1, availableParallelism() - 1),
    },
    businessHours,
    notifications: {
      smtpUrl: e.SMTP_URL,
      mailFrom: e.MAIL_FROM,
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
      delayMs: durationMs(e.NOTIFY_DELAY),
      reminderAfterMs: durationMs(e.REMINDER_AFTER),
      autoCloseAfterMs: durationMs(e.AUTO_CLOSE_AFTER),
      concurrency: e.EMAIL_CONCURRENCY,
    },
    attachments: {
      maxBytes: e.ATTACHMENT_MAX_BYTES,
      maxFiles: e.ATTACHMENT_MAX_FILES,
      quotaBytes: e.ATTACHMENT_QUOTA_BYTES,
      s3: e.S3_BUCKET === undefined ? undefined : {
        bucket: e.S3_BUCKET,
        endpoint: e.S3_ENDPOINT,
        region: e.S3_REGION,
        forcePathStyle: e.S3_FORCE_PATH_STYLE === "true",
        // Without keys, the SDK's own chain (environment, instance role…) provides them.
        credentials: e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } : undefined,
      },
    },
  };
}

/** Outside production a random secret is made once and kept in DATA_DIR, so tokens survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, "jwt-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(48).toString("base64url");
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
