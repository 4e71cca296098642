import type { CommandMetadata } from '@regledger/shared';
import type { PublishScoringPolicyData } from '../../domain/index.js';
import { ScoringPolicyBusCommand } from '../credit-command.handler.js';

/** `PublishScoringPolicy` on the bus. */
export const publishScoringPolicy = (data: PublishScoringPolicyData, metadata: CommandMetadata): ScoringPolicyBusCommand =>
  new ScoringPolicyBusCommand({ type: 'PublishScoringPolicy', data, metadata });
