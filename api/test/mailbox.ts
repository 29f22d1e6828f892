import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { expect } from "vitest";

/** A real SMTP server in the test process; what it receives, parsed (mailparser). */
export async function mailbox(port = 0, { refuseOnce = [] as string[] } = {}) {
  const mails: ParsedMail[] = [];
  /** Recipients refused once (550), then accepted: a failure of one email among others. */
  const refusing = new Set(refuseOnce);
  /** Connections opened to it (pooled ones are kept and reused). */
  const connections = { count: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onConnect(_session, callback) {
      connections.count += 1;
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (!refusing.delete(address.address)) return callback();
      callback(Object.assign(new Error("Mailbox unavailable, try later"), { responseCode: 550 }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.server.address() as AddressInfo;
  return {
    mails,
    connections,
    url: `smtp://127.0.0.1:${address.port}`,
    port: address.port,
    /** Waits until `count` emails arrived (and fails past `timeoutMs`). */
    async received(count: number, timeoutMs = 20_000) {
      await expect.poll(() => mails.length, { timeout: timeoutMs, interval: 100 }).toBeGreaterThanOrEqual(count);
      return mails.slice(0, count);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type Mailbox = Awaited<ReturnType<typeof mailbox>>;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
