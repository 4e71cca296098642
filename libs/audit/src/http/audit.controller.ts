import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ENGINE, ENGINE_CONTEXTS, type ContextDefinition, type Engine } from '@regledger/engine';
import { verifyLog, type VerificationReport } from '@regledger/event-store';
import { revealingReader, type LogReader } from '@regledger/personal-data';
import { Roles } from '@regledger/http';
import type { FieldError, Role } from '@regledger/shared';
import { parseActor, parseCorrelationId, parseInstant, parsePosition, parseTypes, parseUscc, throwIfInvalid } from '../audit-input.js';
import { findEvents, type FoundEvents } from '../find-events.js';
import { replayStream, type StreamReplay } from '../replay-stream.js';
import { traceCorrelation, type CorrelationTrace } from '../trace-correlation.js';
import { FindEventsRequestDto } from './find-events.request.dto.js';
import { ReplayStreamRequestDto } from './replay-stream.request.dto.js';

/**
 * Who audits (domain.md §1): the analyst, read-only, and admin. A complaint's complainant is always shown
 * masked here, whatever the role: the audit API never serves an identity, so it has no read to record.
 * Sealed personal data is opened only to be masked (an erased one shows as erased); verification reads the
 * log as stored.
 */
const AUDITORS: Role[] = ['analyst', 'admin'];

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  private readonly reader: LogReader;

  constructor(
    @Inject(ENGINE) private readonly engine: Engine,
    @Inject(ENGINE_CONTEXTS) private readonly contexts: readonly ContextDefinition[],
  ) {
    this.reader = revealingReader(engine.store, engine.personalData);
  }

  @Get('streams/:id')
  @Roles(...AUDITORS)
  @ApiOperation({ summary: 'A stream replayed: every event with actor, role, reason, correlation, causation and times, and the state after it; asOf or position stop there' })
  replay(@Param('id') id: string, @Query() q: ReplayStreamRequestDto): Promise<StreamReplay> {
    const errors: FieldError[] = [];
    const asOf = parseInstant('asOf', q.asOf, errors);
    const position = parsePosition('position', q.position, errors);
    throwIfInvalid(errors);
    return replayStream(this.reader, this.contexts, id, { asOf, position });
  }

  @Get('events')
  @Roles(...AUDITORS)
  @ApiOperation({ summary: 'Events of the whole log by time, type, actor and enterprise, in the global order, paged (reads the whole log)' })
  find(@Query() q: FindEventsRequestDto): Promise<FoundEvents> {
    const errors: FieldError[] = [];
    const filter = {
      from: parseInstant('from', q.from, errors),
      to: parseInstant('to', q.to, errors),
      types: parseTypes('type', q.type, errors),
      actor: parseActor('actor', q.actor, errors),
      uscc: parseUscc('uscc', q.uscc, errors),
    };
    if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime()) errors.push({ field: 'to', rule: 'after', message: 'must be later than from' });
    throwIfInvalid(errors);
    return findEvents(this.reader, this.contexts, filter, { limit: q.limit ?? 20, offset: q.offset ?? 0 });
  }

  @Get('trace/:correlationId')
  @Roles(...AUDITORS)
  @ApiOperation({ summary: 'Every event of one correlation id across contexts, as a causal tree (reads the whole log)' })
  trace(@Param('correlationId') correlationId: string): Promise<CorrelationTrace> {
    const errors: FieldError[] = [];
    parseCorrelationId('correlationId', correlationId, errors);
    throwIfInvalid(errors);
    return traceCorrelation(this.reader, this.contexts, correlationId);
  }

  @Get('verify')
  @Roles(...AUDITORS)
  @ApiOperation({ summary: "Every event's hash and stream chain and every sealed block checked: the counts and the first failure (reads the whole log)" })
  verify(): Promise<VerificationReport> {
    return verifyLog(this.engine.store, this.engine.database.db);
  }
}
