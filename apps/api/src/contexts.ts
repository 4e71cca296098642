import type { ContextDefinition } from '@regledger/engine';
import { EnterprisesModule, enterprisesContext } from '@regledger/enterprises';

/** Every bounded context the engine runs: its Nest module (HTTP, handlers) and its engine definition. */
export const CONTEXT_MODULES = [EnterprisesModule];
export const CONTEXTS: readonly ContextDefinition[] = [enterprisesContext];
