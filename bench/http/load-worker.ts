/**
 * The load generator of the HTTP scenario, in a process of its own (forked by load-client.ts): receives a
 * LoadSpec, runs autocannon against the API and answers a LoadResult, until its parent goes away.
 */
import autocannon from 'autocannon';
import { declarationBody, type LoadResult, type LoadSpec, type WorkerMessage } from './workload.js';

const MAX_FAILURES = 5;

function requestsOf(spec: LoadSpec, onResponse: autocannon.Request['onResponse']): autocannon.Request[] {
  let n = 0;
  if (spec.kind === 'declare') {
    return [
      {
        method: 'POST',
        path: '/declarations',
        setupRequest: (request) => {
          const i = n++;
          const enterprise = spec.enterprises[i % spec.enterprises.length];
          return {
            ...request,
            headers: { ...request.headers, authorization: `Bearer ${enterprise.token}`, 'content-type': 'application/json' },
            body: JSON.stringify(declarationBody(enterprise.uscc, i, spec.tag)),
          };
        },
        onResponse,
      },
    ];
  }
  return [{ method: 'GET', headers: spec.headers, setupRequest: (request) => ({ ...request, path: spec.paths[n++ % spec.paths.length] }), onResponse }];
}

function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const failures: LoadResult['failures'] = [];
    const onResponse = (status: number, body: string): void => {
      if ((status < 200 || status >= 300) && failures.length < MAX_FAILURES) failures.push({ status, body: body.slice(0, 600) });
    };
    const instance = autocannon(
      { url: spec.url, connections: spec.connections, duration: spec.durationSeconds, timeout: 30, requests: requestsOf(spec, onResponse) },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          durationMs: result.finish.getTime() - result.start.getTime(),
          responses: latencies.length,
          ok: result['2xx'],
          non2xx: result.non2xx,
          statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
          errors: result.errors,
          timeouts: result.timeouts,
          latencies,
          failures,
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
    });
  });
}

const send = (message: WorkerMessage): void => {
  process.send?.(message);
};

process.on('message', (spec: LoadSpec) => {
  runLoad(spec).then(
    (result) => send({ type: 'result', result }),
    (e: unknown) => send({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
  );
});
// Without its parent there is nothing to report to.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
