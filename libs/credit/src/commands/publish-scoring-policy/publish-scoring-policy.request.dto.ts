import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@regledger/http';

/** Whole numbers; their range (±CREDIT_SCORING_POINTS_LIMIT) and order are checked by the domain (field `thresholds.<class>`). */
export class ScoreThresholdsDto {
  @ApiProperty({ example: 90 }) @IsInt() A!: number;
  @ApiProperty({ example: 75 }) @IsInt() B!: number;
  @ApiProperty({ example: 60 }) @IsInt() C!: number;
}

/** A scoring policy version; each entry kind's points and validity are checked by the domain (field `points.<kind>`). */
export class PublishScoringPolicyRequestDto {
  @ApiPropertyOptional({ description: 'The version this creates; refused with 409 when another was published meanwhile' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiProperty({ example: '2026-12-01' })
  @Matches(CALENDAR_DATE_PATTERN, { message: 'effectiveFrom must be a date YYYY-MM-DD' })
  effectiveFrom!: string;

  @ApiProperty({ example: 85, description: 'A whole number within ±CREDIT_SCORING_POINTS_LIMIT (default 1000), checked by the domain' })
  @IsInt()
  basePoints!: number;

  @ApiProperty({ description: 'Points per entry kind (every kind)', type: 'object', additionalProperties: { type: 'integer' } })
  @IsObject()
  points!: Record<string, number>;

  @ApiProperty({ description: 'Months an entry counts per kind, null = always (every kind)', type: 'object', additionalProperties: { type: 'integer', nullable: true } })
  @IsObject()
  validityMonths!: Record<string, number | null>;

  @ApiProperty({ type: ScoreThresholdsDto })
  @IsDefined()
  @ValidateNested()
  @IsObject()
  @Type(() => ScoreThresholdsDto)
  thresholds!: ScoreThresholdsDto;

  @ApiPropertyOptional({ description: "Fixed: { abnormal: 'C', serious_violation: 'D' }" })
  @IsOptional()
  @IsObject()
  listFloors?: Record<string, string>;

  @ApiProperty({ example: '2027 scoring: inspections weigh more' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note!: string;
}
