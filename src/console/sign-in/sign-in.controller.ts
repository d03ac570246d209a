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

export class ExchangeSignInLinkRequest {
  @ApiProperty({ description: 'the code from the link printed by `npm run ledger -- sign-in`' })
  @IsString()
  @Length(20, 100)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'code must be the base64url code from the link' })
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
  unknown: '登录链接无效（this sign-in link is not valid）',
  used: '登录链接已使用过，每个链接只能使用一次（this sign-in link was used already; each works once）',
  expired: '登录链接已过期，请重新获取（this sign-in link has expired; ask for a new one）',
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
    if (!this.tokens.embedded)
      throw new NotFoundException(
        'sign-in links exist only in the embedded default; sign in through your identity provider',
      );
    const result = await spendSignInLink(this.database.sql, body.code);
    if (!result.ok) throw new UnauthorizedException(refusals[result.reason]);
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
