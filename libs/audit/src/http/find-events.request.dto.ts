import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageRequestDto } from '@regledger/http';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** `GET /audit/events`: filters, checked by the audit's own rules (`audit-input.ts`), and the page. */
export class FindEventsRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ description: 'Recorded at or after this instant (ISO 8601 with a zone, or a date: start of that day, China time)', example: '2026-10-01' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({ description: 'Recorded strictly before this instant', example: '2026-11-01' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  to?: string;

  @ApiPropertyOptional({ description: 'Event types, comma-separated', example: 'ComplaintEscalated,InspectionOpened' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  type?: string;

  @ApiPropertyOptional({ description: 'The actor id that recorded the event (a user id, or system:<policy> for reactions)', example: 'system:inspections.targeted-on-escalation' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ description: "Events concerning this enterprise: its own streams, events naming it, and later events of those streams", example: '914403001922038216' })
  @IsOptional()
  @IsString()
  @MaxLength(18)
  uscc?: string;
}
