import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { CommandResult } from '@regledger/event-store';
import { Public, Roles, commandMetadata, etag, expectedRevisionFrom, type EngineRequest } from '@regledger/http';
import { declarationIdFor, usccOfDeclarationId } from '../declaration-id.js';
import { toContent } from '../commands/declaration-content.request.dto.js';
import { declareStandard } from '../commands/declare-standard/declare-standard.command.js';
import { DeclareStandardRequestDto } from '../commands/declare-standard/declare-standard.request.dto.js';
import { reviseDeclaration } from '../commands/revise-declaration/revise-declaration.command.js';
import { ReviseDeclarationRequestDto } from '../commands/revise-declaration/revise-declaration.request.dto.js';
import { confirmDeclaration } from '../commands/review-declaration/review-declaration.command.js';
import { ReviewDeclarationRequestDto } from '../commands/review-declaration/review-declaration.request.dto.js';
import { abolishDeclaration } from '../commands/abolish-declaration/abolish-declaration.command.js';
import { AbolishDeclarationRequestDto } from '../commands/abolish-declaration/abolish-declaration.request.dto.js';
import { redeclareStandard } from '../commands/redeclare-standard/redeclare-standard.command.js';
import { RedeclareStandardRequestDto } from '../commands/redeclare-standard/redeclare-standard.request.dto.js';
import type { DeclarationBusCommand } from '../commands/declaration-command.handler.js';
import { GetDeclarationQuery, type DeclarationPage } from '../queries/get-declaration/get-declaration.query.js';
import { FindDeclarationsQuery, type DeclarationListPage } from '../queries/find-declarations/find-declarations.query.js';
import { FindDeclarationsRequestDto } from '../queries/find-declarations/find-declarations.request.dto.js';
import { FindDeclarationInForceQuery, type InForceAnswer } from '../queries/find-declaration-in-force/find-declaration-in-force.query.js';
import { FindDeclarationInForceRequestDto } from '../queries/find-declaration-in-force/find-declaration-in-force.request.dto.js';

const WRITERS = ['enterprise', 'supervisor', 'admin'] as const;
const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first answer and records nothing new' };
const IF_MATCH_HEADER = { name: 'If-Match', required: false, description: 'The declaration version (ETag) the change is based on; a stale one answers 409' };

const declaredId = (result: CommandResult): string | null =>
  (result.events.find((e) => e.type === 'StandardDeclared')?.data as { declarationId?: string } | undefined)?.declarationId ?? null;

/** The version of the declaration after the command, from the events it recorded. */
const versionAfter = (result: CommandResult, declarationId: string): number | null => {
  let version: number | null = null;
  for (const e of result.events) {
    const d = e.data as { declarationId?: string; version?: number };
    if (d.declarationId === declarationId && typeof d.version === 'number') version = d.version;
  }
  return version;
};

@ApiTags('declarations')
@Controller('declarations')
export class DeclarationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private async run(res: Response, declarationId: string | null, message: DeclarationBusCommand): Promise<Record<string, unknown>> {
    const result = await this.commands.execute(message);
    // A replayed declaration answers with the id its first attempt created.
    const id = declarationId ?? declaredId(result);
    const version = id ? versionAfter(result, id) : null;
    if (version !== null) res.setHeader('ETag', etag(BigInt(version)));
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return {
      declarationId: id,
      version,
      replayed: result.replayed,
      streamId: result.streamId,
      events: result.events.map((e) => ({ id: e.id, type: e.type, revision: e.revision.toString(), globalPosition: e.globalPosition.toString() })),
    };
  }

  private expectedVersion(req: EngineRequest, declarationId: string): { declarationId: string; version: number } | undefined {
    const v = expectedRevisionFrom(req);
    return v === undefined ? undefined : { declarationId, version: Number(v) };
  }

  @Post()
  @HttpCode(201)
  @Roles(...WRITERS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: 'Declare a standard the enterprise executes for its products or services' })
  async declare(@Body() body: DeclareStandardRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const uscc = body.uscc.trim().toUpperCase();
    const metadata = commandMetadata(req);
    const declarationId = declarationIdFor(uscc, { actorId: metadata.actor.id, idempotencyKey: metadata.idempotencyKey });
    const out = await this.run(res, null, declareStandard({ declarationId, uscc, content: toContent(body.content) }, metadata));
    res.setHeader('Location', `/declarations/${String(out.declarationId)}`);
    return out;
  }

  @Get('in-force')
  @Public()
  @ApiOperation({ summary: 'Which declaration version was in force for a product (name + model) on a date (public)' })
  inForce(@Query() q: FindDeclarationInForceRequestDto): Promise<InForceAnswer> {
    return this.queries.execute(new FindDeclarationInForceQuery({ uscc: q.uscc, product: q.product, model: q.model, date: q.date }));
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A declaration: current version, every version with who and when, indicators (public)' })
  async get(@Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<DeclarationPage> {
    usccOfDeclarationId(id);
    const page = await this.queries.execute(new GetDeclarationQuery(id));
    res.setHeader('ETag', etag(BigInt(page.version)));
    return page;
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Search the public registry; `asOf` reads it as it stood at a past time (public)' })
  find(@Query() q: FindDeclarationsRequestDto): Promise<DeclarationListPage> {
    return this.queries.execute(
      new FindDeclarationsQuery({
        q: q.q,
        uscc: q.uscc,
        standard: q.standard,
        product: q.product,
        category: q.category,
        kind: q.kind,
        jurisdiction: q.jurisdiction,
        status: q.status,
        late: q.late,
        belowRecommended: q.belowRecommended,
        asOf: q.asOf ? new Date(q.asOf) : undefined,
        sort: q.sort ?? 'declaredOn',
        order: q.order ?? 'desc',
        limit: q.limit ?? 20,
        offset: q.offset ?? 0,
      }),
    );
  }

  @Post(':id/revisions')
  @HttpCode(201)
  @Roles(...WRITERS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Revise: a new version with its own effective date; earlier versions stay in history' })
  revise(@Param('id') id: string, @Body() body: ReviseDeclarationRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const uscc = usccOfDeclarationId(id);
    return this.run(res, id, reviseDeclaration({ declarationId: id, uscc, content: toContent(body.content), effectiveFrom: body.effectiveFrom }, commandMetadata(req, body.reason), this.expectedVersion(req, id)));
  }

  @Post(':id/review')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Record a review: confirm (still valid), revise, or abolish' })
  review(@Param('id') id: string, @Body() body: ReviewDeclarationRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const uscc = usccOfDeclarationId(id);
    const metadata = commandMetadata(req, body.reason);
    const expected = this.expectedVersion(req, id);
    if (body.outcome === 'revise') {
      return this.run(res, id, reviseDeclaration({ declarationId: id, uscc, content: toContent(body.content!), effectiveFrom: body.effectiveDate! }, metadata, expected));
    }
    if (body.outcome === 'abolish') return this.run(res, id, abolishDeclaration({ declarationId: id, uscc, effectiveDate: body.effectiveDate! }, metadata, expected));
    return this.run(res, id, confirmDeclaration({ declarationId: id, uscc }, metadata, expected));
  }

  @Post(':id/abolish')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiHeader(IF_MATCH_HEADER)
  @ApiOperation({ summary: 'Abolish from an effective date; an abolished declaration cannot be revised' })
  abolish(@Param('id') id: string, @Body() body: AbolishDeclarationRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const uscc = usccOfDeclarationId(id);
    return this.run(res, id, abolishDeclaration({ declarationId: id, uscc, effectiveDate: body.effectiveDate }, commandMetadata(req, body.reason), this.expectedVersion(req, id)));
  }

  @Post(':id/redeclare')
  @HttpCode(200)
  @Roles(...WRITERS)
  @ApiBearerAuth()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOperation({ summary: "Declare again under the enterprise's current name after a rename" })
  redeclare(@Param('id') id: string, @Body() body: RedeclareStandardRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const uscc = usccOfDeclarationId(id);
    return this.run(res, id, redeclareStandard({ declarationId: id, uscc }, commandMetadata(req, body.reason)));
  }
}
