import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import {
  hostOf,
  isInternalAddress,
  targetUrlProblem,
  type AttemptOutcome,
  type TargetAllowance,
} from '../domain/notification.js';

/** The most of a receiver's answer that is read (it is kept only as a hint of what went wrong). */
const MAX_ANSWER_BYTES = 16 * 1024;

export interface PostOptions {
  /** Host names and addresses allowed although internal (NOTIFY_ALLOW_PRIVATE_TARGETS). */
  allowed: TargetAllowance;
  /** The whole exchange's deadline: connecting, sending and the answer's headers and body. */
  deadlineMs: number;
  /** How host names are resolved (default: the system's resolver). */
  resolve?: typeof dnsLookup;
}

/**
 * POSTs a JSON body to a receiver's URL and says how it went, never throwing and never waiting
 * past the deadline. The URL is checked again, and every address its host resolves to is checked
 * as the connection is made (a name can change its address between checks); redirects are not
 * followed (a 3xx is the receiver's answer), and no more than 16 KiB of the answer is read.
 */
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  { allowed, deadlineMs, resolve = dnsLookup }: PostOptions,
): Promise<AttemptOutcome & { answer?: string }> {
  const problem = targetUrlProblem(url, allowed);
  if (problem) return Promise.resolve({ error: `refused before sending: ${problem}`, final: true });
  const target = new URL(url);
  const host = hostOf(target);
  const guardedLookup: LookupFunction = (hostname, options, callback) =>
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const found = addresses;
      const internal = found.find((address) => isInternalAddress(address.address));
      if (internal && !allowed.has(host))
        return callback(
          Object.assign(
            new Error(`${hostname} resolves to ${internal.address}, an internal address receivers may not reach`),
            {
              code: 'EINTERNAL',
            },
          ),
          '',
          0,
        );
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, found);
      return callback(null, found[0]!.address, found[0]!.family);
    });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: AttemptOutcome & { answer?: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(outcome);
    };
    const request = (target.protocol === 'https:' ? https : http).request(
      target,
      {
        method: 'POST',
        lookup: guardedLookup,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'nhs-mandate-graph notifier',
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_ANSWER_BYTES) chunks.push(chunk.subarray(0, MAX_ANSWER_BYTES - size));
          size += chunk.length;
          if (size >= MAX_ANSWER_BYTES) done();
        });
        const done = () =>
          finish({
            status: response.statusCode ?? 0,
            retryAfter: response.headers['retry-after'] ?? null,
            answer: Buffer.concat(chunks).toString('utf8'),
          });
        response.on('end', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(
      () => finish({ error: `no answer within ${deadlineMs / 1000} s: cut off at the deadline` }),
      deadlineMs,
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      finish({
        error: error.code === 'EINTERNAL' ? `refused: ${error.message}` : `${error.code ?? 'error'}: ${error.message}`,
      }),
    );
    request.end(body);
  });
}
