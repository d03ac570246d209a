import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The largest page a look-up answers. */
export const pageSizeMax = 100;

export class PageQuery {
  @ApiPropertyOptional({ example: 1, description: '1-based page number' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1)
  @Max(100_000)
  page = 1;

  @ApiPropertyOptional({ example: 20, description: `rows per page, at most ${pageSizeMax}` })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1)
  @Max(pageSizeMax)
  pageSize = 20;
}

export class PageInfo {
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 57, description: 'rows matching, over every page' }) total!: number;
}

export interface Page<T> extends PageInfo {
  items: T[];
}

export function pageOf<T>(all: T[], query: PageQuery): Page<T> {
  const start = (query.page - 1) * query.pageSize;
  return {
    page: query.page,
    pageSize: query.pageSize,
    total: all.length,
    items: all.slice(start, start + query.pageSize),
  };
}
