import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { ValidationError } from '@regledger/shared';
import { Roles, commandMetadata, type EngineRequest } from '@regledger/http';
import { ErasePersonalDataCommand, type ErasureResult, type ErasureTarget } from '../commands/erase-personal-data/erase-personal-data.handler.js';
import { ErasePersonalDataRequestDto } from '../commands/erase-personal-data/erase-personal-data.request.dto.js';
import { PERSONAL_DATA_ERROR_CODES } from '../domain/index.js';
import { assertComplaintIdShape } from '../complaint-id.js';

/** Exactly one of `complaintId` and `identity` names whose data to erase. */
const targetOf = (body: ErasePersonalDataRequestDto): ErasureTarget => {
  // Absent and null are the same here (class-validator's IsOptional lets both through).
  const complaintId = body.complaintId ?? null;
  const identity = body.identity ?? null;
  if ((complaintId === null) === (identity === null)) {
    throw new ValidationError(
      [{ field: complaintId === null ? 'complaintId' : 'identity', rule: 'exactly_one', message: 'give exactly one of complaintId and identity' }],
      PERSONAL_DATA_ERROR_CODES.VALIDATION_FAILED,
    );
  }
  if (complaintId !== null) return { complaintId: assertComplaintIdShape(complaintId.trim()) };
  const { idNumber, phone, email } = identity!;
  const given = (v: string | null | undefined): v is string => typeof v === 'string';
  return { identity: { ...(given(idNumber) ? { idNumber } : {}), ...(given(phone) ? { phone } : {}), ...(given(email) ? { email } : {}) } };
};

@ApiTags('personal-data')
@Controller('personal-data')
export class PersonalDataController {
  constructor(private readonly commands: CommandBus) {}

  @Post('erasures')
  @HttpCode(200)
  @Roles('admin')
  @ApiBearerAuth()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first answer and records nothing new' })
  @ApiOperation({
    summary:
      "Erase a complainant's or reporter's personal data (PIPL art. 47): the person's keys are erased, PersonalDataErased is recorded; the log stays intact and verifiable, the data can no longer be read",
  })
  async erase(@Body() body: ErasePersonalDataRequestDto, @Req() req: EngineRequest, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const metadata = commandMetadata(req, typeof body.reason === 'string' ? body.reason.trim() : null);
    const r: ErasureResult = await this.commands.execute(new ErasePersonalDataCommand(targetOf(body), body.reason, metadata));
    if (r.command.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return {
      subjectId: r.subjectId,
      erasedKeyIds: r.erasedKeyIds,
      keyIds: r.keyIds,
      recorded: r.command.events.length > 0,
      replayed: r.command.replayed,
      streamId: r.command.streamId,
      events: r.command.events.map((e) => ({ id: e.id, type: e.type, revision: e.revision.toString(), globalPosition: e.globalPosition.toString() })),
    };
  }
}
