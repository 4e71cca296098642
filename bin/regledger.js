#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist/apps/cli/src/main.js');
if (!existsSync(entry)) {
  process.stderr.write('regledger is not built yet: run "npm run build" (npm install does it for you)\n');
  process.exit(1);
}
await import(entry);
