/**
 * A child process of the national generator: decides the chunks it is sent and answers with their events.
 * Messages use Node's advanced serialisation, so BigInt revisions and Dates arrive as they were.
 */
import { chunkPlan, decideChunk, type Chunk, type NationalOptions } from './generator.js';

interface Request {
  chunk: Chunk;
  options: Pick<NationalOptions, 'now' | 'declarationsPerEnterprise'>;
}

process.on('message', (message: Request | 'exit') => {
  if (message === 'exit') {
    process.exit(0);
  }
  const { chunk, options } = message;
  void (async () => {
    try {
      const { plan } = chunkPlan(chunk, options, new Set());
      const usccs = plan.steps.filter((s) => s.type === 'RegisterEnterprise').map((s) => s.uscc);
      const events = await decideChunk(chunk, plan);
      process.send!({ chunk, usccs, events });
    } catch (e) {
      process.send!({ chunk, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  })();
});
