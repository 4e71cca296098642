import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface Violation {
  file: string;
  imported: string;
  rule: 'domain-imports-framework' | 'context-imports-context-internals' | 'infrastructure-imports-context' | 'import-escapes-library';
}

/** Packages the domain must never see: it is plain TypeScript, deciders and rules only. */
const FRAMEWORK = [/^@nestjs\//, /^kysely/, /^pg$/, /^pg\//, /^@electric-sql\//, /^@eventstore\//, /^@kurrent\//, /^class-validator/, /^class-transformer/, /^express/, /^rxjs/];

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : walk(p);
    return p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });

const importsOf = (file: string): string[] => ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);

/**
 * The layer rules of the engine, over `<root>/libs`:
 * - a context is a library with a `src/domain` folder; its domain imports no framework and no library
 *   other than `@regledger/shared` and other contexts' `@regledger/<ctx>/contracts`;
 * - a context imports another context only through `@regledger/<other>/contracts`;
 * - infrastructure libraries (no `src/domain`) import no context;
 * - no relative import leaves its own library.
 */
export function checkArchitecture(root: string): Violation[] {
  const libsDir = join(root, 'libs');
  const libs = readdirSync(libsDir).filter((d) => statSync(join(libsDir, d)).isDirectory());
  const contexts = new Set(libs.filter((l) => existsSync(join(libsDir, l, 'src', 'domain'))));
  const violations: Violation[] = [];
  for (const lib of libs) {
    const libRoot = resolve(libsDir, lib);
    for (const file of walk(join(libRoot, 'src'))) {
      const rel = relative(root, file).split(sep).join('/');
      const inDomain = contexts.has(lib) && rel.startsWith(`libs/${lib}/src/domain/`);
      for (const imported of importsOf(file)) {
        if (imported.startsWith('.')) {
          const target = resolve(file, '..', imported);
          if (!target.startsWith(libRoot + sep)) violations.push({ file: rel, imported, rule: 'import-escapes-library' });
          continue;
        }
        const m = /^@regledger\/([a-z-]+)(?:\/(.+))?$/.exec(imported);
        // A domain may import the shared kernel and another context's contracts, nothing else.
        const allowedInDomain = m !== null && (m[1] === 'shared' || (m[1] !== lib && contexts.has(m[1]) && m[2] === 'contracts'));
        if (inDomain && (FRAMEWORK.some((f) => f.test(imported)) || (m && !allowedInDomain))) {
          violations.push({ file: rel, imported, rule: 'domain-imports-framework' });
          continue;
        }
        if (!m || m[1] === lib) continue;
        const [, target, sub] = m;
        if (contexts.has(target)) {
          if (!contexts.has(lib)) violations.push({ file: rel, imported, rule: 'infrastructure-imports-context' });
          else if (sub !== 'contracts') violations.push({ file: rel, imported, rule: 'context-imports-context-internals' });
        }
      }
    }
  }
  return violations;
}
