import {
  Body,
  Controller,
  HttpCode,
  Inject,
  NotFoundException,
  Post,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { Database, DATABASE } from '../../database/database';
import { TOKEN_VERIFIER, type TokenVerifier } from '../../shared/http/token-verifier';
import { consoleSessionLifetime, spendSignInLink } from './sign-in-links';
import { ApiErrorResponses } from '../../shared/http/api-error-responses';
import { msg, says } from '../../shared/domain/messages';
import { localized } from '../../shared/http/language';

export class ExchangeSignInLinkRequest {
  @ApiProperty({ description: 'the code from the link printed by `npm run ledger -- sign-in`' })
  @IsString()
  @Length(20, 100)
  @Matches(/^[A-Za-z0-9_-]+$/, says(msg('validation.sign-in-code', { field: 'code' })))
  code!: string;
}

class SignedInClaims {
  @ApiProperty({ example: ['auditor'] }) roles!: string[];
  @ApiProperty({ example: ['CN-ZJ'] }) jurisdictions!: string[];
  @ApiProperty({ required: false }) org?: string;
  @ApiProperty({ required: false }) person?: string;
}

export class SignedIn {
  @ApiProperty({ description: 'bearer token for the API' }) token!: string;
  @ApiProperty({ description: 'when the token stops working' }) expiresAt!: string;
  @ApiProperty({ type: SignedInClaims }) claims!: SignedInClaims;
}

const refusals = {
  unknown: msg('sign-in.unknown'),
  used: msg('sign-in.used'),
  expired: msg('sign-in.expired'),
};

/** The web console's sign-in in the embedded default: a one-time link exchanged for a token. */
@ApiTags('console')
@Controller('sign-in-links')
export class SignInController {
  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(TOKEN_VERIFIER) private readonly tokens: TokenVerifier,
  ) {}

  @Post('exchange')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Spend a one-time sign-in link (from `npm run ledger -- sign-in`) for a bearer token; 401 when unknown, used or expired',
  })
  @ApiOkResponse({ type: SignedIn })
  @ApiErrorResponses(400, 401, 404, 429, 503)
  async exchange(@Body() body: ExchangeSignInLinkRequest): Promise<SignedIn> {
    if (!this.tokens.embedded) throw localized(NotFoundException, msg('sign-in.embedded-only'));
    const result = await spendSignInLink(this.database.sql, body.code);
    if (!result.ok) throw localized(UnauthorizedException, refusals[result.reason]);
    const { claims } = result;
    const token = await this.tokens.mint(claims, consoleSessionLifetime);
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
      exp: number;
    };
    return {
      token,
      expiresAt: new Date(exp * 1000).toISOString(),
      claims: {
        roles: claims.roles,
        jurisdictions: claims.jurisdictions,
        org: claims.org,
        person: claims.person,
      },
    };
  }
}
