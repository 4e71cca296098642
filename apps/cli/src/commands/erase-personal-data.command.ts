import { userInfo } from 'node:os';
import { ErasePersonalDataHandler, ErasePersonalDataCommand, PERSONAL_DATA_STREAM_PREFIX, type ErasureTarget, type PersonalDataErasedData } from '@regledger/complaints';
import { awaitReadable, type RecordedEvent } from '@regledger/event-store';
import type { Engine } from '@regledger/engine';
import type { Actor } from '@regledger/shared';
import { v7 as uuidv7 } from 'uuid';
import { UsageError, out, printJson, type CliCommand } from '../cli-kit.js';
import { openCliEngine } from '../open.js';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** Whose data: one complaint's complainant, or a person by identity number, phone or e-mail. */
const targetFrom = (values: Record<string, unknown>): ErasureTarget => {
  const complaintId = text(values.complaint);
  const identity = { idNumber: text(values['id-number']), phone: text(values.phone), email: text(values.email) };
  const byIdentity = Object.values(identity).some((v) => v !== undefined);
  if ((complaintId !== undefined) === byIdentity) throw new UsageError('give either --complaint <id>, or --id-number, --phone or --email');
  if (complaintId !== undefined) return { complaintId };
  return {
    identity: {
      ...(identity.idNumber ? { idNumber: identity.idNumber } : {}),
      ...(identity.phone ? { phone: identity.phone } : {}),
      ...(identity.email ? { email: identity.email } : {}),
    },
  };
};

/** Every recorded erasure of the log, in its order. */
async function recordedErasures(engine: Engine): Promise<RecordedEvent<PersonalDataErasedData>[]> {
  await awaitReadable(engine.store);
  const found: RecordedEvent<PersonalDataErasedData>[] = [];
  let after: RecordedEvent['position'] | undefined;
  for (;;) {
    const page = await engine.store.readAll({ ...(after ? { after } : {}), maxCount: 1000 });
    if (!page.length) return found;
    for (const e of page) if (e.type === 'PersonalDataErased' && e.streamId.startsWith(PERSONAL_DATA_STREAM_PREFIX)) found.push(e as RecordedEvent<PersonalDataErasedData>);
    after = page[page.length - 1].position;
  }
}

export const makeErasePersonalDataCommand = (openEngine: () => Promise<Engine> = openCliEngine): CliCommand => ({
  name: 'erase-personal-data',
  summary: "Erase a complainant's or reporter's personal data (PIPL art. 47): erase the keys, record PersonalDataErased.",
  usage: 'erase-personal-data (--complaint <id> | --id-number <n> | --phone <n> | --email <a>) --reason <text> [--actor <id>] | --reapply',
  help: `
  --complaint <id>   the complainant or reporter of this complaint
  --id-number <n>    or the person by identity number,
  --phone <n>        else by phone,
  --email <a>        else by e-mail, as given at intake (the first given decides)
  --reason <text>    why, e.g. the reference of the request; recorded, so never personal data
  --actor <id>       who erases, recorded as an admin (default cli:<login name>)
  --reapply          erase again every key the log records as erased (after restoring the key store
                     from a backup taken before an erasure); no other option

Every key of the person is erased from the key store, then PersonalDataErased { subjectId, keyIds, erasedAt,
reason } is recorded on personal-data-<subjectId>. The log is not rewritten: its events keep their hashes and
"regledger verify" passes; what was sealed with the keys can no longer be read, and views show it as erased.
Running it again erases nothing more and records nothing (exit 0). Exit 1 for a person with no sealed data
or a complaint recorded before sealing. With the embedded database, stop the API first (one process at a
time opens it), or use POST /personal-data/erasures on the running API.`,
  options: {
    complaint: { type: 'string' },
    'id-number': { type: 'string' },
    phone: { type: 'string' },
    email: { type: 'string' },
    reason: { type: 'string' },
    actor: { type: 'string' },
    reapply: { type: 'boolean' },
  },
  async run({ values }) {
    const actor: Actor = { id: text(values.actor) ?? `cli:${userInfo().username}`, role: 'admin', jurisdiction: '000000' };
    if (values.reapply === true) {
      if (['complaint', 'id-number', 'phone', 'email', 'reason'].some((k) => values[k] !== undefined)) throw new UsageError('--reapply takes no other option but --actor');
      const engine = await openEngine();
      try {
        const erasures = await recordedErasures(engine);
        let erased: string[] = [];
        for (const e of erasures) {
          erased = erased.concat(await engine.personalData.keys.eraseKeys(e.data.keyIds, { at: new Date(e.data.erasedAt), by: actor.id, reason: `reapplied: ${e.data.reason}` }));
        }
        if (values.json) printJson({ erasures: erasures.length, keysErasedAgain: erased });
        else out(`${erasures.length} recorded erasures; ${erased.length} keys were held again and are erased now`);
        return 0;
      } finally {
        await engine.close();
      }
    }
    const reason = text(values.reason);
    if (reason === undefined) throw new UsageError('--reason is required: why (the reference of the request), never personal data');
    const target = targetFrom(values);
    const engine = await openEngine();
    try {
      const handler = new ErasePersonalDataHandler(engine.runtime, engine.store, engine.personalData);
      const now = new Date().toISOString();
      const r = await handler.execute(new ErasePersonalDataCommand(target, reason, { now, actor, correlationId: uuidv7(), reason }));
      const recorded = r.command.events.map((e) => ({ id: e.id, type: e.type, streamId: e.streamId, revision: e.revision.toString() }));
      if (values.json) printJson({ subjectId: r.subjectId, erasedKeyIds: r.erasedKeyIds, keyIds: r.keyIds, recorded });
      else {
        out(`subject ${r.subjectId}: ${r.erasedKeyIds.length} key(s) erased now, ${r.keyIds.length} erased in all`);
        out(recorded.length ? `recorded PersonalDataErased on ${recorded[0].streamId} (revision ${recorded[0].revision})` : 'already recorded: nothing new');
      }
      return 0;
    } finally {
      await engine.close();
    }
  },
});

export const erasePersonalDataCommand = makeErasePersonalDataCommand();
