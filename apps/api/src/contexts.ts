import type { ContextDefinition } from '@regledger/engine';
import { EnterprisesModule, enterprisesContext } from '@regledger/enterprises';
import { DeclarationsModule, declarationsContext } from '@regledger/declarations';

/** Every bounded context the engine runs: its Nest module (HTTP, handlers) and its engine definition. */
export const CONTEXT_MODULES = [EnterprisesModule, DeclarationsModule];
export const CONTEXTS: readonly ContextDefinition[] = [enterprisesContext, declarationsContext];
