import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { importKinds, type ImportKind } from './domain/import-kinds';
import { IsJurisdiction } from '../shared/http/validators';

const booleanQuery = () =>
  Transform(({ value }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  );

export const reportFormats = ['json', 'csv', 'xlsx'] as const;
export type ReportFormatQuery = (typeof reportFormats)[number];

export class ImportQuery {
  @ApiPropertyOptional({
    example: 'CN-ZJ',
    description:
      'The jurisdiction the file belongs to (every row must lie in it; the token must cover it). Defaults to the token’s first jurisdiction.',
  })
  @IsOptional()
  @IsJurisdiction()
  jurisdiction?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Check every row and report; record nothing.',
  })
  @IsOptional()
  @booleanQuery()
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Record the valid rows even though some rows are refused.',
  })
  @IsOptional()
  @booleanQuery()
  @IsBoolean({ message: 'acceptValid must be true or false' })
  acceptValid?: boolean;

  @ApiPropertyOptional({
    enum: reportFormats,
    default: 'json',
    description: 'The report as JSON (ImportReport), or as a file to open: csv or xlsx.',
  })
  @IsOptional()
  @IsIn(reportFormats)
  report?: ReportFormatQuery;
}

export class ImportUpload {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description:
      'The file: CSV (UTF-8 or GB18030) or XLSX (first sheet), with the header row of the kind (GET /imports/templates/{kind}).',
  })
  file!: unknown;
}

export class TemplateParams {
  @ApiProperty({ enum: importKinds })
  @IsIn(importKinds)
  kind!: ImportKind;
}

export class TemplateQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}
