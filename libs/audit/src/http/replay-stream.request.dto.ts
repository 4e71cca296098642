import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** `GET /audit/streams/:id`: where to stop; both are checked by the audit's own rules (`audit-input.ts`). */
export class ReplayStreamRequestDto {
  @ApiPropertyOptional({ description: 'Only events recorded at or before this instant (ISO 8601 with a zone, or a date: start of that day, China time)', example: '2026-10-12T08:00:00Z' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  asOf?: string;

  @ApiPropertyOptional({ description: 'Only events up to this stream revision (0-based, inclusive)', example: '3' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  position?: string;
}
