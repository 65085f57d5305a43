/**
 * The machine's ceiling for a query, in a process of its own (forked by queries.ts), on loopback:
 * `http-ceiling.ts <file>` answers every request with the bytes in the file, from memory, with bare
 * node:http. Sends { type: 'ready', url } once listening.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const file = process.argv[2];
if (!file) {
  console.error('usage: http-ceiling.ts <response file>');
  process.exit(2);
}
const body = readFileSync(file);
const server = createServer((request, response) => {
  // Read the request as a server must, then answer from memory.
  request.on('data', () => {});
  request.on('end', () =>
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body),
  );
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${address.port}/graphql` });
});
process.on('disconnect', () => process.exit(0));
