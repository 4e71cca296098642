import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { CommandResult } from '@regledger/event-store';
import { ValidationError, chinaDate, isCalendarDate, type Role } from '@regledger/shared';
import { Public, Roles, commandMetadata, commandResponse, expectedRevisionFrom, requestTime, type EngineRequest } from '@regledger/http';
import { normaliseUscc, usccDefect } from '@regledger/enterprises/contracts';
import { CREDIT_ERROR_CODES, type CreditExplanation } from '../domain/index.js';
import { assertRepairIdShape, listingIdFor, repairIdFor, seriousListingIdForCase } from '../credit-id.js';
import type { CreditBusCommand } from '../commands/credit-command.handler.js';
import { publishScoringPolicy } from '../commands/publish-scoring-policy/publish-scoring-policy.command.js';
import { PublishScoringPolicyRequestDto } from '../commands/publish-scoring-policy/publish-scoring-policy.request.dto.js';
import { placeOnAbnormalList } from '../commands/place-on-abnormal-list/place-on-abnormal-list.command.js';
import { PlaceOnAbnormalListRequestDto } from '../commands/place-on-abnormal-list/place-on-abnormal-list.request.dto.js';
import { removeFromAbnormalList } from '../commands/remove-from-abnormal-list/remove-from-abnormal-list.command.js';
import { RemoveFromAbnormalListRequestDto } from '../commands/remove-from-abnormal-list/remove-from-abnormal-list.request.dto.js';
import { listSeriousViolation } from '../commands/list-serious-violation/list-serious-violation.command.js';
import { ListSeriousViolationRequestDto } from '../commands/list-serious-violation/list-serious-violation.request.dto.js';
import { removeFromSeriousViolationList } from '../commands/remove-from-serious-violation-list/remove-from-serious-violation-list.command.js';
import { RemoveFromSeriousViolationListRequestDto } from '../commands/remove-from-serious-violation-list/remove-from-serious-violation-list.request.dto.js';
import { applyForRepair } from '../commands/apply-for-repair/apply-for-repair.command.js';
import { ApplyForRepairRequestDto } from '../commands/apply-for-repair/apply-for-repair.request.dto.js';
import { decideRepair } from '../commands/decide-repair/decide-repair.command.js';
import { DecideRepairRequestDto } from '../commands/decide-repair/decide-repair.request.dto.js';
import { GetCreditExplanationQuery } from '../queries/get-credit-explanation/get-credit-explanation.query.js';
import { GetCreditExplanationRequestDto } from '../queries/get-credit-explanation/get-credit-explanation.request.dto.js';
import { ListScoringPoliciesQuery, type ScoringPolicyList } from '../queries/list-scoring-policies/list-scoring-policies.query.js';
import { PublicListQuery, type PublicListPage } from '../queries/public-list/public-list.query.js';
import { PublicListRequestDto } from '../queries/public-list/public-list.request.dto.js';
import { FindRepairQuery } from '../queries/find-repair/find-repair.query.js';

/** Who acts on credit records (domain.md §1): supervisors (the domain checks the jurisdiction) and admin. */
const ACTORS: Role[] = ['supervisor', 'admin'];
/** Who reads a credit record (domain.md §1): the domain narrows supervisors to their jurisdiction and an enterprise to itself. */
const READERS: Role[] = ['supervisor', 'admin', 'analyst', 'enterprise'];
const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first answer and records nothing new' };
const IF_MATCH_HEADER = { name: 'If-Match', required: false, description: 'The credit record version (ETag) the step is based on; a stale one answers 409' };

const today = (req: EngineRequest): string => chinaDate(requestTime(req)) as string;

/** The USCC of a path, normalised; a malformed one is a 400 naming the field. */
const usccOf = (raw: string): string => {
  const uscc = normaliseUscc(raw);
  const defect = usccDefect(uscc);
  if (defect) throw new ValidationError([{ field: 'uscc', rule: defect, message: 'must be a valid unified social credit code (GB 32100-2015)' }], CREDIT_ERROR_CODES.VALIDATION);
  return uscc;
};

/** What a credit command answers: the record's version (events applied) is the ETag. */
const answer = (res: Response, result: CommandResult, extra: Record<string, unknown>): Record<string, unknown> => {
  const body = commandResponse(res, result, extra);
  const version = Number(result.revision) + 1;
  res.setHeader('ETag', `"${version}"`);
  return { ...body, version };
};

const expectedVersion = (req: EngineRequest): number | undefined => {
  const v = expectedRevisionFrom(req);
  return v === undefined ? undefined : Number(v);
};

@ApiTags('credit')
@Controller()
export class CreditController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private run(message: CreditBusCommand): Promise<CommandResult> {
    return this.commands.execute(message);
  }

  @Get('enterprises/:uscc/credit')
  @Roles(...READERS)
  @ApiBearerAuth()
  @ApiOperation({ summary: "An enterprise's class, score and the entries behind every point, as the record stood on asOf (default today)" })
  explain(@Param('uscc') raw: string, @Query() q: GetCreditExplanationRequestDto, @Req() req: EngineRequest): Promise<CreditExplanation> {
    const asOf = q.asOf ?? today(req);
    if (!isCalendarDate(asOf)) throw new ValidationError([{ field: 'asOf', rule: 'date', message: 'must be a real calendar date YYYY-MM-DD' }], CREDIT_ERROR_CODES.VALIDATION);
    return this.queries.execute(new GetCreditExplanationQuery(usccOf(raw), req.actor, asOf));
  }

  @Get('credit/scoring-policies')
  @Roles(...READERS, 'inspector', 'complaint_handler')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Every scoring policy version (0 is the built-in default), the one in force today marked, and the limits a new version is checked against' })
  policies(@Req() req: EngineRequest): Promise<ScoringPolicyList> {
    return this.queries.execute(new ListScoringPoliciesQuery(today(req)));
  }

  @Post('credit/scoring-policies')
  @HttpCode(201)
  @Roles(...ACTORS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Publish the next scoring policy version (admin or a province-level supervisor)' })
  async publish(@Body() body: PublishScoringPolicyRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const result: CommandResult = await this.commands.execute(
      publishScoringPolicy(
        {
          ...(body.version === undefined ? {} : { version: body.version }),
          effectiveFrom: body.effectiveFrom,
          basePoints: body.basePoints,
          points: body.points,
          validityMonths: body.validityMonths,
          thresholds: { A: body.thresholds.A, B: body.thresholds.B, C: body.thresholds.C },
          ...(body.listFloors === undefined ? {} : { listFloors: body.listFloors }),
          note: body.note,
        },
        commandMetadata(req),
      ),
    );
    const version = (result.events[0]?.data as { version?: number } | undefined)?.version ?? null;
    return commandResponse(res, result, { version });
  }

  @Get('credit/abnormal-list')
  @Public()
  @ApiOperation({ summary: 'The abnormal-operations list: current listings, public fields only' })
  abnormalList(@Query() q: PublicListRequestDto): Promise<PublicListPage> {
    return this.queries.execute(new PublicListQuery('abnormal', q.limit ?? 20, q.offset ?? 0, q.uscc));
  }

  @Get('credit/serious-violation-list')
  @Public()
  @ApiOperation({ summary: 'The serious-violation list: current listings, public fields only (SAMR Order 44)' })
  seriousList(@Query() q: PublicListRequestDto): Promise<PublicListPage> {
    return this.queries.execute(new PublicListQuery('serious_violation', q.limit ?? 20, q.offset ?? 0, q.uscc));
  }

  @Post('enterprises/:uscc/credit/abnormal-list')
  @HttpCode(201)
  @Roles(...ACTORS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Place the enterprise on the abnormal-operations list' })
  async placeAbnormal(@Param('uscc') raw: string, @Body() body: PlaceOnAbnormalListRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const uscc = usccOf(raw);
    const metadata = commandMetadata(req);
    const listingId = listingIdFor({ actorId: metadata.actor.id, idempotencyKey: metadata.idempotencyKey });
    const result = await this.run(placeOnAbnormalList({ uscc, listingId, reason: body.reason, on: body.on ?? null }, metadata, expectedVersion(req)));
    return answer(res, result, { uscc, listingId });
  }

  @Delete('enterprises/:uscc/credit/abnormal-list')
  @HttpCode(200)
  @Roles(...ACTORS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Remove the enterprise from the abnormal-operations list once the cause is cured' })
  async removeAbnormal(@Param('uscc') raw: string, @Body() body: RemoveFromAbnormalListRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const uscc = usccOf(raw);
    const result = await this.run(removeFromAbnormalList({ uscc, listingId: body.listingId, cure: body.cure, on: body.on ?? null }, commandMetadata(req, body.cure), expectedVersion(req)));
    return answer(res, result, { uscc, listingId: body.listingId });
  }

  @Post('enterprises/:uscc/credit/serious-violation-list')
  @HttpCode(201)
  @Roles(...ACTORS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'List the enterprise as a serious violator for a heavy penalty (3 years, SAMR Order 44)' })
  async listSerious(@Param('uscc') raw: string, @Body() body: ListSeriousViolationRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const uscc = usccOf(raw);
    const listingId = seriousListingIdForCase(body.caseId);
    const result = await this.run(listSeriousViolation({ uscc, listingId, grounds: { kind: 'heavy_penalty', caseId: body.caseId }, on: body.on ?? null }, commandMetadata(req), expectedVersion(req)));
    return answer(res, result, { uscc, listingId });
  }

  @Delete('enterprises/:uscc/credit/serious-violation-list')
  @HttpCode(200)
  @Roles(...ACTORS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Remove a serious-violation listing: its term elapsed, or early (≥ 1 year, conditions met; SAMR Order 44)' })
  async removeSerious(@Param('uscc') raw: string, @Body() body: RemoveFromSeriousViolationListRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const uscc = usccOf(raw);
    const result = await this.run(
      removeFromSeriousViolationList(
        { uscc, listingId: body.listingId, reason: body.reason, obligationsFulfilled: body.obligationsFulfilled ?? false, harmRemedied: body.harmRemedied ?? false, on: body.on ?? null },
        commandMetadata(req),
        expectedVersion(req),
      ),
    );
    return answer(res, result, { uscc, listingId: body.listingId });
  }

  @Post('enterprises/:uscc/credit/repairs')
  @HttpCode(201)
  @Roles('enterprise', ...ACTORS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Apply for credit repair of a penalty publication or a serious-violation listing (the enterprise itself, or a supervisor)' })
  async applyRepair(@Param('uscc') raw: string, @Body() body: ApplyForRepairRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const uscc = usccOf(raw);
    const metadata = commandMetadata(req);
    const repairId = repairIdFor({ actorId: metadata.actor.id, idempotencyKey: metadata.idempotencyKey });
    const target =
      body.target.kind === 'penalty_publication' ? { kind: 'penalty_publication' as const, caseId: body.target.caseId as string } : { kind: 'serious_violation_list' as const, listingId: body.target.listingId as string };
    const result = await this.run(applyForRepair({ uscc, repairId, target, obligationsFulfilled: body.obligationsFulfilled, harmRemedied: body.harmRemedied, on: body.on ?? null }, metadata));
    res.setHeader('Location', `/credit/repairs/${repairId}`);
    return answer(res, result, { uscc, repairId });
  }

  @Post('credit/repairs/:id/decision')
  @HttpCode(200)
  @Roles(...ACTORS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Grant (checked against SAMR 2021 No. 3 and Order 44) or refuse a credit repair' })
  async decide(@Param('id') id: string, @Body() body: DecideRepairRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const { uscc } = await this.queries.execute(new FindRepairQuery(assertRepairIdShape(id)));
    const result = await this.run(decideRepair({ uscc, repairId: id, grant: body.grant, reason: body.reason, on: body.on ?? null }, commandMetadata(req, body.reason), expectedVersion(req)));
    return answer(res, result, { uscc, repairId: id });
  }
}
