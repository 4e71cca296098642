import type { Scenario } from '../harness.js';
import { appendBatchScenario } from './append-batch.js';
import { appendSingleScenario } from './append-single.js';
import { httpLoadScenario } from './http-load.js';
import { drawAlgorithmScenario } from './draw-algorithm.js';
import { drawScenario, nationalGenerateScenario, rebuildScenario, searchScenario } from './national.js';
import { peerEmmettScenario } from './peer-emmett.js';
import { projectionCatchUpScenario } from './projection-catch-up.js';
import { rehydrationScenario } from './rehydration.js';

/** In the order they run. */
export const SCENARIOS: readonly Scenario[] = [appendSingleScenario, appendBatchScenario, projectionCatchUpScenario, rehydrationScenario, peerEmmettScenario, httpLoadScenario, nationalGenerateScenario, rebuildScenario, searchScenario, drawScenario, drawAlgorithmScenario];
