import { replayStream, parseInstant, parsePosition, throwIfInvalid, type AuditContexts, type AuditStore, type ReplayedEvent, type StreamReplay } from '@regledger/audit';
import { ValidationError, type FieldError } from '@regledger/shared';
import { revealingReader } from '@regledger/personal-data';
import { CONTEXTS } from '../../../api/src/contexts.js';
import { UsageError, out, printJson, type CliCommand } from '../cli-kit.js';
import { openCliEngine } from '../open.js';

/** What the audit commands read: the event store, the contexts' stream folds, and how to let go of them. */
export interface AuditSource {
  store: AuditStore;
  contexts: AuditContexts;
  close(): Promise<void>;
}

/** The engine configured from the environment, as the audit commands read it. */
export const openAuditSource = async (): Promise<AuditSource> => {
  const engine = await openCliEngine();
  // Sealed personal data is opened only for the owning context to mask it (or show it erased).
  return { store: revealingReader(engine.store, engine.personalData), contexts: CONTEXTS, close: () => engine.close() };
};

/** Bad option values are usage errors (exit 2), naming the option. */
export const asUsage = <T>(check: () => T): T => {
  try {
    return check();
  } catch (e) {
    if (e instanceof ValidationError) throw new UsageError(e.errors.map((x) => `--${x.field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${x.message}`).join('; '));
    throw e;
  }
};

const indent = (text: string, by: string): string => text.split('\n').map((l) => `${by}${l}`).join('\n');
const dash = (v: string | null): string => v ?? '—';

/** One block per event: what, where, who, why, which chain, when, its data, and the state after it. */
export const replayText = (r: StreamReplay): string => {
  const head = [
    `stream ${r.streamId}${r.kind ? ` (${r.kind.context}: ${r.kind.description})` : ' (no context describes this stream: events only)'}`,
    `${r.events.length} event(s) shown${r.asOf ? `, recorded up to ${r.asOf}` : ''}${r.position !== null ? `, up to revision ${r.position}` : ''}; latest revision ${r.latestRevision}`,
  ];
  const block = (e: ReplayedEvent): string =>
    [
      `#${e.revision} ${e.type}  recorded ${e.recordedAt}${e.businessTime ? `  effective ${e.businessTime}` : ''}`,
      `  actor        ${e.actor} (${e.role}, ${e.jurisdiction})`,
      `  reason       ${dash(e.reason)}`,
      `  correlation  ${e.correlationId}`,
      `  causation    ${e.causationId ?? '— (a command)'}`,
      `  event        ${e.eventId}  global position ${e.globalPosition}`,
      `  data         ${JSON.stringify(e.data)}`,
      `  state after`,
      indent(JSON.stringify(e.stateAfter, null, 2), '    '),
    ].join('\n');
  return [...head, '', ...r.events.map(block).flatMap((b) => [b, ''])].join('\n').trimEnd();
};

/** `replay`, reading from `open` (the configured engine by default). */
export const replayCommandWith = (open: () => Promise<AuditSource>): CliCommand => ({
  name: 'replay',
  summary: "A stream's events with actor, role, reason, correlation and causation, and the state after each.",
  usage: 'replay <stream id> [--as-of <ISO time>] [--position <n>] [--json]',
  help: `Reads one stream (complaint-<id>, enterprise-<USCC>, declarations-<USCC>, inspection-task-<id>,
matters-<USCC>-<digest>, case-<id>, credit-<USCC>, …) and prints one block per event: who recorded it, in
which role, why, its correlation and causation ids, when, its data, and the state the owning context folds
it to. A complaint's complainant is masked, as an analyst reads it.

  --as-of <time>     stop at the last event recorded at or before this instant (ISO 8601 with a zone, or a
                     date YYYY-MM-DD: the start of that day, China time)
  --position <n>     stop at stream revision n (0-based, inclusive)

Reads only: interrupting it (Ctrl-C) changes nothing. Exits 1 when the stream has no events.`,
  options: { 'as-of': { type: 'string' }, position: { type: 'string' } },
  allowPositionals: true,
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('give exactly one stream id');
    const [streamId] = positionals;
    const { asOf, position } = asUsage(() => {
      const errors: FieldError[] = [];
      const parsed = { asOf: parseInstant('asOf', values['as-of'] as string | undefined, errors), position: parsePosition('position', values.position as string | undefined, errors) };
      throwIfInvalid(errors);
      return parsed;
    });
    const source = await open();
    try {
      const replay = await replayStream(source.store, source.contexts, streamId, { asOf, position });
      if (values.json) printJson(replay);
      else out(replayText(replay));
      return 0;
    } finally {
      await source.close();
    }
  },
});

export const replayCommand = replayCommandWith(openAuditSource);
