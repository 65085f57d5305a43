import nodemailer from 'nodemailer';
import type { AttemptOutcome } from '../domain/notification.js';

/**
 * Sends one message through the server's SMTP server, never waiting past the deadline (connecting,
 * the server's greeting and each exchange are bounded; the whole is cut at the deadline too). Its
 * Message-ID derives from the notification's, the same on every attempt. An SMTP refusal of the
 * message itself (5xx) is final; anything else may be tried again.
 */
export async function sendEmail(
  smtp: { url: string; from: string },
  to: readonly string[],
  messageId: string,
  content: { subject: string; text: string; html: string },
  deadlineMs: number,
): Promise<AttemptOutcome> {
  const transport = nodemailer.createTransport({
    url: smtp.url,
    connectionTimeout: deadlineMs,
    greetingTimeout: deadlineMs,
    socketTimeout: deadlineMs,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  let timer: NodeJS.Timeout | undefined;
  try {
    const sent = await Promise.race([
      transport.sendMail({
        from: smtp.from,
        to: [...to],
        messageId: `<${messageId}@nhs-mandate-graph>`,
        ...content,
      }),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${deadlineMs / 1000} s: cut off at the deadline`)),
          deadlineMs,
        );
      }),
    ]);
    return { accepted: (sent as { response?: string }).response ?? 'accepted' };
  } catch (error) {
    const responseCode = (error as { responseCode?: number }).responseCode;
    const message = error instanceof Error ? error.message : String(error);
    return responseCode && responseCode >= 500 && responseCode < 600
      ? { error: `the SMTP server refused it: ${message}`, final: true }
      : { error: `SMTP: ${message}` };
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}
