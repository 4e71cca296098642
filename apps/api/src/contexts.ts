import type { ContextDefinition } from '@regledger/engine';
import { EnterprisesModule, enterprisesContext } from '@regledger/enterprises';
import { DeclarationsModule, declarationsContext } from '@regledger/declarations';
import { ComplaintsModule, complaintsContext } from '@regledger/complaints';
import { InspectionsModule, inspectionsContext } from '@regledger/inspections';

/** Every bounded context the engine runs: its Nest module (HTTP, handlers) and its engine definition. */
export const CONTEXT_MODULES = [EnterprisesModule, DeclarationsModule, ComplaintsModule, InspectionsModule];
export const CONTEXTS: readonly ContextDefinition[] = [enterprisesContext, declarationsContext, complaintsContext, inspectionsContext];
