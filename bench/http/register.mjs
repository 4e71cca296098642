// Loader hooks for the HTTP load process (node --import): TypeScript under bench/ runs through swc, as in bin/bench.js.
import { register } from 'node:module';

register('../loader.mjs', import.meta.url);
