import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** An iCalendar invitation carried with the message, which mail programs offer to add (RFC 6047). */
  icalEvent?: { method: 'request' | 'cancel'; filename: string; content: string };
}

/** Sends e-mail (ADR 0016): over SMTP when SMTP_URL is set, else into the outbox folder. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}

const from = 'Compact Coordination Platform <no-reply@compact-platform.invalid>';

/**
 * Writes each message as a complete RFC 5322 file (`.eml`, built by nodemailer) into `dir`, atomically,
 * so the demo shows every e-mail it would send and an administrator can open them.
 */
export function outboxMailer(
  dir: string,
): Mailer & { list(): Promise<string[]>; read(name: string): Promise<string> } {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail });
      await mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`;
      const temporary = path.join(dir, `.${name}.tmp`);
      await writeFile(temporary, info.message as Buffer);
      await rename(temporary, path.join(dir, name));
    },
    async list() {
      const names = await readdir(dir).catch(() => [] as string[]);
      return names.filter((name) => name.endsWith('.eml')).sort();
    },
    read: (name) => readFile(path.join(dir, path.basename(name)), 'utf8'),
  };
}

export function smtpMailer(url: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
  };
}
