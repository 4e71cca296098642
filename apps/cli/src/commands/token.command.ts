import { loadAuthConfig, signToken } from '@regledger/auth';
import { ROLES, type Role } from '@regledger/shared';
import { loadEngineConfig } from '@regledger/engine';
import { UsageError, out, printJson, type CliCommand } from '../cli-kit.js';

export const tokenCommand: CliCommand = {
  name: 'token',
  summary: 'Print a bearer token for local use, signed with the configured key.',
  usage: 'token --role <role> --jurisdiction <code> [--uscc <uscc>] [--sub <id>] [--ttl <seconds>]',
  help: `
  --role <role>           one of ${ROLES.join(', ')} (repeat for several)
  --jurisdiction <code>   six-digit GB/T 2260 division code, e.g. 440000 (Guangdong)
  --uscc <uscc>           the enterprise's USCC (required with --role enterprise)
  --sub <id>              user id (default: <role>-<jurisdiction>)
  --ttl <seconds>         lifetime (default 3600)

The key comes from JWT_SECRET or JWT_PRIVATE_KEY; without either (and outside production) the
development secret under DATA_DIR is used, the same one the API uses.

Example:
  curl -H "Authorization: Bearer $(npx regledger token --role supervisor --jurisdiction 440000)" localhost:3000/projections`,
  options: {
    role: { type: 'string', multiple: true },
    jurisdiction: { type: 'string' },
    uscc: { type: 'string' },
    sub: { type: 'string' },
    ttl: { type: 'string' },
  },
  async run({ values }) {
    const roles = (values.role as string[] | undefined) ?? [];
    if (!roles.length) throw new UsageError('--role is required');
    const unknown = roles.filter((r) => !ROLES.includes(r as Role));
    if (unknown.length) throw new UsageError(`unknown role ${unknown.join(', ')}; roles: ${ROLES.join(', ')}`);
    const jurisdiction = values.jurisdiction as string | undefined;
    if (!jurisdiction || !/^\d{6}$/.test(jurisdiction)) throw new UsageError('--jurisdiction must be a six-digit division code');
    const uscc = values.uscc as string | undefined;
    if (roles.includes('enterprise') && !uscc) throw new UsageError('--uscc is required with --role enterprise');
    const ttl = values.ttl === undefined ? 3600 : Number(values.ttl);
    if (!Number.isInteger(ttl) || ttl <= 0) throw new UsageError('--ttl must be a positive whole number of seconds');
    const config = loadEngineConfig(process.env);
    const auth = loadAuthConfig({ ...process.env, DATA_DIR: config.dataDir });
    if (!auth.signingKey) throw new UsageError('only a public key is configured (JWT_PUBLIC_KEY): tokens must be issued by the identity provider');
    const sub = (values.sub as string | undefined) ?? `${roles[0]}-${jurisdiction}`;
    const token = signToken({ sub, roles: roles as Role[], jurisdiction, uscc, iss: auth.issuer, aud: auth.audience }, auth.signingKey, { expiresInSeconds: ttl });
    if (values.json) printJson({ token, sub, roles, jurisdiction, uscc: uscc ?? null, expiresInSeconds: ttl });
    else out(token);
    return 0;
  },
};
