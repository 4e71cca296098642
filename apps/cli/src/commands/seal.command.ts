import { awaitReadable, seal } from '@regledger/event-store';
import { out, printJson, type CliCommand } from '../cli-kit.js';
import { openCliEngine } from '../open.js';

export const sealCommand: CliCommand = {
  name: 'seal',
  summary: 'Fold the events not yet sealed into hash-chained blocks.',
  usage: 'seal [--block-size <n>]',
  help: '  --block-size <n>   events per block (default SEAL_BLOCK_SIZE, 1000)\n\nThe engine seals on its own every SEAL_INTERVAL_MS; this does it now, over every event committed before it began.',
  options: { 'block-size': { type: 'string' } },
  async run({ values }) {
    const engine = await openCliEngine();
    try {
      const blockSize = values['block-size'] ? Number(values['block-size']) : engine.config.sealBlockSize;
      await awaitReadable(engine.store);
      const r = await seal(engine.store, engine.database.db, { blockSize });
      if (values.json) printJson(r);
      else out(`sealed ${r.eventsSealed} events into ${r.blocksSealed} blocks`);
      return 0;
    } finally {
      await engine.close();
    }
  },
};
