/**
 * Node ESM loader hooks for the benchmark suite: TypeScript is transpiled on the fly with swc (legacy
 * decorators and metadata, as the jest setup does), `@regledger/<lib>[/<sub>]` resolves to the lib's
 * sources, and a relative `./x.js` imported from a `.ts` file resolves to `./x.ts`.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const swc = require('@swc/core');

const ROOT = new URL('../', import.meta.url);
const ALIAS = /^@regledger\/([a-z-]+)(?:\/([a-z-]+))?$/;

const SWC_OPTIONS = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
    target: 'es2022',
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
  swcrc: false,
  configFile: false,
};

export async function resolve(specifier, context, nextResolve) {
  const alias = ALIAS.exec(specifier);
  if (alias) {
    const url = new URL(`libs/${alias[1]}/src/${alias[2] ? `${alias[2]}/` : ''}index.ts`, ROOT);
    if (existsSync(url)) return { url: url.href, shortCircuit: true };
  }
  const parent = context.parentURL;
  if (parent?.endsWith('.ts') && /^\.{1,2}\//.test(specifier) && specifier.endsWith('.js')) {
    const url = new URL(`${specifier.slice(0, -3)}.ts`, parent);
    if (existsSync(url)) return { url: url.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const filename = fileURLToPath(url);
  const { code } = await swc.transform(await readFile(filename, 'utf8'), { ...SWC_OPTIONS, filename });
  return { format: 'module', source: code, shortCircuit: true };
}
