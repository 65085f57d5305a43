import { createHash } from 'node:crypto';
import { chmodSync, realpathSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '../db/database.js';
import type { Logger } from '../config/logger.js';
import { KeysUsageError, runKeys, type Output } from './keys-command.js';

/**
 * The operator's way into a running server's embedded database. PGlite can be open in one process
 * only, so while `serve` holds it, `keys create|list|revoke` and `sync --once` reach it through a Unix socket beside
 * the data directory that only the directory's owner may open (mode 0600): whoever could open the
 * database itself, and nobody else, so no right is widened. Commands run in the server as they
 * would from the command line, audited as the operator.
 */
export interface KeysRequest {
  positionals: string[];
  values: Record<string, unknown>;
}

/** What the operator may ask a running server: a keys command, or one sync of the publications. */
type OperatorRequest = ({ command: 'keys' } & KeysRequest) | { command: 'sync' };

/** The server's side of the commands: the keys are run against its database; a sync is its own. */
export interface OperatorCommands {
  sync(out: Output): Promise<number>;
}

interface Reply {
  code: number;
  stdout: string[];
  stderr: string[];
  usage?: string;
}

/** How long the command line waits for the running server's answer. */
const REPLY_DEADLINE_MS = 15_000;

/** The socket of an embedded data directory (in the temporary folder when the path would be too long for a socket). */
export function operatorSocketPath(dataDir: string): string {
  const beside = `${realpathSync(dataDir)}.sock`;
  if (Buffer.byteLength(beside) < 100) return beside;
  return path.join(tmpdir(), `nmg-${createHash('sha256').update(beside).digest('hex').slice(0, 16)}.sock`);
}

/** Listens for the operator's commands while the server runs; resolves once listening. */
export async function openOperatorChannel(
  db: Database,
  dataDir: string,
  logger: Logger,
  commands: OperatorCommands,
): Promise<{ close(): Promise<void> }> {
  const socketPath = operatorSocketPath(dataDir);
  // This process holds the data directory's lock: a socket file left there is a dead server's.
  rmSync(socketPath, { force: true });
  const server: Server = createServer((socket) => {
    let received = '';
    socket.setEncoding('utf8');
    socket.on('error', () => {});
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.length > 64 * 1024) return socket.destroy();
      const end = received.indexOf('\n');
      if (end < 0) return;
      void answer(received.slice(0, end)).then((reply) => socket.end(`${JSON.stringify(reply)}\n`));
    });
  });
  const answer = async (line: string): Promise<Reply> => {
    const reply: Reply = { code: 1, stdout: [], stderr: [] };
    const out: Output = { log: (text) => reply.stdout.push(text), error: (text) => reply.stderr.push(text) };
    try {
      const request = JSON.parse(line) as OperatorRequest;
      reply.code =
        request.command === 'sync'
          ? await commands.sync(out)
          : await runKeys(db, request.positionals, request.values, new Date(), out);
    } catch (error) {
      if (error instanceof KeysUsageError) reply.usage = error.message;
      else {
        logger.error('operator command failed', { error: String(error) });
        reply.stderr.push('The server could not run the command: see its log.');
      }
    }
    return reply;
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(socketPath, 0o600);
  logger.info('operator channel open', { socket: socketPath });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(socketPath, { force: true });
      }),
  };
}

/**
 * Sends a keys command, or a sync, to the server that holds the data directory and prints its
 * answer as the command would have; resolves with its exit code. Usage errors come back as
 * KeysUsageError.
 */
export async function sendOperatorCommand(dataDir: string, request: OperatorRequest, out: Output): Promise<number> {
  const socketPath = operatorSocketPath(dataDir);
  const reply = await new Promise<Reply>((resolve, reject) => {
    const socket = connect(socketPath);
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`The running server did not answer within ${REPLY_DEADLINE_MS / 1000} s.`));
    }, REPLY_DEADLINE_MS);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new Error(
          `The server holding the database does not take operator commands (${error.code ?? error.message}): stop it, or create keys through its API with an admin key.`,
        ),
      );
    });
    socket.on('end', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(received) as Reply);
      } catch {
        reject(new Error('The running server sent an answer that could not be read.'));
      }
    });
  });
  if (reply.usage) throw new KeysUsageError(reply.usage);
  for (const line of reply.stdout) out.log(line);
  for (const line of reply.stderr) out.error(line);
  return reply.code;
}
