import { Module, type DynamicModule } from '@nestjs/common';
import { EngineModule, type EngineConfig, type JsonLogger } from '@regledger/engine';
import { CONTEXTS, CONTEXT_MODULES } from '../../api/src/contexts.js';

/** Projections, policies and sealing without HTTP: for deployments that run them apart from the API. */
@Module({})
export class ProjectorModule {
  static forRoot(config: EngineConfig, logger: JsonLogger): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [EngineModule.forRoot({ config, contexts: CONTEXTS, runWorkers: true, logger }), ...CONTEXT_MODULES],
    };
  }
}
