/**
 * For tests that start a CLI process from the TypeScript sources, without a build:
 *   node --import ./test/support/ts-source-loader.mjs apps/cli/src/main.ts <command> …
 * Registers the swc module hooks the benchmark suite runs on (bench/loader.mjs).
 */
import { register } from 'node:module';

register('../../bench/loader.mjs', import.meta.url);
