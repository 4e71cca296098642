import { loadEngineConfig, openEngine, type Engine } from '@regledger/engine';
import { CONTEXTS } from '../../api/src/contexts.js';

/** The engine as the CLI uses it: configured from the environment, without HTTP and without policies. */
export const openCliEngine = (): Promise<Engine> => openEngine(loadEngineConfig(process.env), CONTEXTS);
