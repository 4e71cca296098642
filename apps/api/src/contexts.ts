import type { ContextDefinition } from '@regledger/engine';
import { EnterprisesModule, enterprisesContext } from '@regledger/enterprises';
import { DeclarationsModule, declarationsContext } from '@regledger/declarations';
import { ComplaintsModule, complaintsContext } from '@regledger/complaints';
import { InspectionsModule, inspectionsContext } from '@regledger/inspections';
import { EnforcementModule, enforcementContext } from '@regledger/enforcement';
import { CreditModule, creditContext } from '@regledger/credit';
import { AuditModule } from '@regledger/audit';

/** Every bounded context the engine runs: its Nest module (HTTP, handlers) and its engine definition. */
export const CONTEXT_MODULES = [EnterprisesModule, DeclarationsModule, ComplaintsModule, InspectionsModule, EnforcementModule, CreditModule, AuditModule];
export const CONTEXTS: readonly ContextDefinition[] = [enterprisesContext, declarationsContext, complaintsContext, inspectionsContext, enforcementContext, creditContext];
