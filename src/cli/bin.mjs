#!/usr/bin/env node
// The `nhs-mandate-graph` command (and `npm start`): runs the compiled command line, building it
// first when any source is newer than the build, so a `git pull` never runs stale code. Stack
// traces name the TypeScript lines through the build's source maps.
import { pathToFileURL } from 'node:url';
import { ensureBuilt, SERVER_ENTRY } from '../../scripts/build.mjs';

await ensureBuilt();
process.setSourceMapsEnabled(true);
await import(pathToFileURL(SERVER_ENTRY).href);
