/**
 * PostGraphile 5 (Grafast) over the bench's database, as its maintainers would run it in production:
 * the Amber preset, no GraphiQL, no schema watching, no explain, pooled `pg`. Plain CommonJS, run by
 * the Node 22 binary the bench fetched (peer.ts), with modules resolved from the folder that holds
 * them: `node postgraphile5.cjs <peer folder> <database url>`. Sends { type: 'ready', url } once listening.
 */
const { createServer } = require('node:http');
const { createRequire } = require('node:module');
const path = require('node:path');

const [peerFolder, connectionString] = process.argv.slice(2);
if (!peerFolder || !connectionString) {
  console.error('usage: postgraphile5.cjs <peer folder> <database url>');
  process.exit(2);
}
const peerRequire = createRequire(path.join(peerFolder, 'package.json'));
const { postgraphile } = peerRequire('postgraphile');
const { PostGraphileAmberPreset } = peerRequire('postgraphile/presets/amber');
const { makePgService } = peerRequire('postgraphile/adaptors/pg');
const { grafserv } = peerRequire('postgraphile/grafserv/node');

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString, schemas: ['public'], poolConfig: { max: 10 } })],
  grafserv: { watch: false, graphiql: false, graphqlPath: '/graphql' },
  grafast: { explain: false },
};

async function main() {
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  server.keepAliveTimeout = 60_000;
  serv.addTo(server);
  // Build the schema before saying ready, so that no measured request pays for introspection.
  await pgl.getSchema();
  server.listen(0, '127.0.0.1', () => {
    const url = `http://127.0.0.1:${server.address().port}/graphql`;
    if (process.send) process.send({ type: 'ready', url });
    else console.log(url);
  });
  process.on('disconnect', () => process.exit(0));
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
