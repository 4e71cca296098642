import { out, printJson, type CliCommand } from '../cli-kit.js';
import { openCliEngine } from '../open.js';

export const projectionsCommand: CliCommand = {
  name: 'projections',
  summary: 'Show every projection and policy: position, lag behind the head, state.',
  usage: 'projections status',
  help: 'status   position, events behind the head (exact up to 10,000), seconds behind, version\n\nThe CLI runs no workers, so their state shows as external: the live state of a running engine is at GET /projections.',
  options: {},
  allowPositionals: true,
  async run({ values, positionals }) {
    if (positionals[0] !== 'status' || positionals.length !== 1) {
      out('usage: regledger projections status');
      return 2;
    }
    const engine = await openCliEngine();
    try {
      const projection = engine.projectionEngine();
      await projection.prepare();
      const head = await engine.store.headPosition();
      const workers = await projection.status();
      if (values.json) {
        printJson({ head: head?.globalPosition ?? null, workers });
        return 0;
      }
      out(`head: ${head ? head.globalPosition.toString() : 'empty log'}`);
      out(['name'.padEnd(24), 'kind'.padEnd(11), 'version'.padEnd(8), 'position'.padEnd(14), 'behind'.padEnd(10), 'seconds'].join(''));
      for (const w of workers) {
        out([w.name.padEnd(24), w.kind.padEnd(11), String(w.version).padEnd(8), w.globalPosition.padEnd(14), `${w.eventsBehind}${w.eventsBehindCapped ? '+' : ''}`.padEnd(10), w.secondsBehind.toFixed(1)].join(''));
      }
      return 0;
    } finally {
      await engine.close();
    }
  },
};
