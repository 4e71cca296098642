// Registers the benchmark suite's TypeScript loader hooks (bench/loader.mjs): `node --import ./bench/register.mjs x.ts`.
import { register } from 'node:module';

register('./loader.mjs', import.meta.url);
