import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Logger } from "pino";
import type Mail from "nodemailer/lib/mailer";

export type Email = Mail.Options;

/** How emails leave: an SMTP server, `.eml` files (development without SMTP_URL), or not at all (production without it). */
export interface Mailer {
  kind: "smtp" | "files" | "off";
  send(email: Email): Promise<void>;
  close(): void;
}

/**
 * The mailer the settings ask for. Without SMTP_URL outside production, each email is written to DATA_DIR/mail as a
 * `.eml` file that any mail client opens (one log line says where).
 */
export function mailerFor({ smtpUrl, env, dataDir, connections = 5 }: { smtpUrl?: string; env: string; dataDir: string; connections?: number }, logger: Logger): Mailer {
  if (smtpUrl) {
    // A short timeout: an unreachable server fails the attempt, which is retried later with backoff. Connections are
    // pooled, one per email sent at once (EMAIL_CONCURRENCY): a new connection per email costs ~100 ms of greeting
    // (5 emails/s per connection), a pooled one ~2 ms. `?pool=false` in SMTP_URL opens one per email again.
    const url = new URL(smtpUrl);
    const defaults = [["connectionTimeout", "10000"], ["greetingTimeout", "10000"], ["socketTimeout", "20000"], ["pool", "true"], ["maxConnections", String(Math.max(1, connections))]];
    for (const [name, value] of defaults) {
      if (!url.searchParams.has(name)) url.searchParams.set(name, value);
    }
    const transport = nodemailer.createTransport(url.href);
    return {
      kind: "smtp",
      send: async (email) => void (await transport.sendMail(email)),
      close: () => transport.close(),
    };
  }
  if (env === "production") {
    return { kind: "off", send: async () => undefined, close: () => undefined };
  }
  const folder = path.join(dataDir, "mail");
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  let told = false;
  return {
    kind: "files",
    async send(email) {
      const { message } = (await transport.sendMail(email)) as { message: Buffer };
      await mkdir(folder, { recursive: true });
      const to = typeof email.to === "object" && email.to !== null && "address" in email.to ? String(email.to.address) : String(email.to);
      const file = path.join(folder, `${new Date().toISOString().replace(/[:.]/g, "-")}-${to.replace(/[^\w@.-]+/g, "_")}.eml`);
      await writeFile(file, message);
      if (!told) logger.info({ folder }, "no SMTP_URL: emails are written as .eml files");
      told = true;
      logger.debug({ file }, "email written");
    },
    close: () => undefined,
  };
}
