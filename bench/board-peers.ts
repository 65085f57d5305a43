/**
 * The ICB board's comparison servers, each in a process of its own (forked by board.ts), on
 * loopback: `postgraphile <database url>` serves PostGraphile v4 over the same database;
 * `ceiling <file>` answers every request with the bytes in the file, from memory, with bare
 * node:http (what the machine can do at all). Sends { type: 'ready', url } once listening.
 */
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import Module, { createRequire } from 'node:module';
import path from 'node:path';

/**
 * PostGraphile v4 needs graphql 15 while this project uses 16, and npm gives PostGraphile's parts
 * two copies of 15 (one nested under postgraphile, one under graphile-build-pg), which graphql
 * refuses to mix. In this process, which runs nothing of ours, every require of graphql goes to
 * postgraphile's own copy.
 */
const require = createRequire(import.meta.url);
const postgraphileRequire = createRequire(require.resolve('postgraphile'));
const graphql15 = path.dirname(postgraphileRequire.resolve('graphql/package.json'));
const moduleInternals = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveFilename = moduleInternals._resolveFilename;
moduleInternals._resolveFilename = function (request: string, ...rest: unknown[]) {
  const redirected = request === 'graphql' || request.startsWith('graphql/') ? request.replace(/^graphql/, graphql15) : request;
  return resolveFilename.call(this, redirected, ...rest);
};
const { postgraphile: servePostGraphile } = require('postgraphile') as typeof import('postgraphile');

const [mode, argument] = process.argv.slice(2);

function ceiling(file: string): RequestListener {
  const body = readFileSync(file);
  return (request, response) => {
    // Read the request as a server must, then answer from memory.
    request.on('data', () => {});
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body));
  };
}

function postgraphile(databaseUrl: string): RequestListener {
  return servePostGraphile(databaseUrl, 'public', {
    graphqlRoute: '/graphql',
    disableQueryLog: true,
    retryOnInitFail: false,
    enableQueryBatching: false,
    dynamicJson: true,
    setofFunctionsContainNulls: false,
    ignoreRBAC: false,
    // Production settings: no GraphiQL, no watch, no extended errors.
    graphiql: false,
    watchPg: false,
  }) as unknown as RequestListener;
}

const handler = mode === 'postgraphile' ? postgraphile(argument!) : mode === 'ceiling' ? ceiling(argument!) : null;
if (!handler) {
  console.error('usage: board-peers.ts postgraphile <database url> | ceiling <response file>');
  process.exit(2);
}
const server = createServer(handler);
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${address.port}/graphql` });
});
process.on('disconnect', () => process.exit(0));
