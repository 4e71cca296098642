#!/usr/bin/env node
// Benchmark suite: `npm run bench -- --help`. TypeScript under bench/ runs through the swc loader hooks.
import { register } from 'node:module';

process.setSourceMapsEnabled(true);
register('../bench/loader.mjs', import.meta.url);
const { main } = await import('../bench/cli.ts');
process.exitCode = await main(process.argv.slice(2));
