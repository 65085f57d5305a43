#!/usr/bin/env node
// The installed `nhs-mandate-graph` command: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
