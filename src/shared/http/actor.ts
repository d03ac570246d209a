import {
  applyDecorators,
  SetMetadata,
  CanActivate,
  Inject,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { msg } from '../domain/messages';
import { localized } from './language';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth } from '@nestjs/swagger';
import { authorize, policyOf, type RouteAccess, type Scope } from './access-policy';
import { actorRoles, type ActorRole } from './roles';
import {
  InvalidTokenError,
  TOKEN_VERIFIER,
  type TokenVerifier,
  verifiedClaims,
} from './token-verifier';

export { actorRoles, type ActorRole };

/** Who issues a command; goes into every event's metadata. */
export interface Actor {
  actorId: string;
  /** The role this request acts in: the first of the token's roles that the route allows. */
  role: ActorRole;
  /** How far that role reaches on this route (from the access policy). */
  scope: Scope;
  /** The first of the actor's jurisdictions (recorded in metadata). */
  jurisdiction: string;
  /** ISO 3166-2 codes; `CN` is national and covers every province. */
  jurisdictions: string[];
  /** The organization (organizer or employer) acted for. */
  orgId?: string;
  /** The health professional the actor is (role professional). */
  personId?: string;
}

const ACCESS = 'cme:access';

/** Names the route's entry in the access policy; without it a route is public. */
export const Access = (route: RouteAccess) =>
  applyDecorators(SetMetadata(ACCESS, route), ApiBearerAuth());

/**
 * Authentication and the route's roles, in one place: a bearer JWT verified by the configured key
 * (or the embedded secret), its holder acting in the first of its roles the route's policy lists.
 * A missing or invalid token is 401; a valid one without an allowed role, or a national-only route
 * for a provincial actor, is 403. Nothing runs before this.
 */
@Injectable()
export class ActorGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly tokens: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route = this.reflector.get<RouteAccess | undefined>(ACCESS, context.getHandler());
    if (!route) return true;
    const policy = policyOf(route);
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; actor?: Actor }>();
    let claims;
    try {
      claims = await verifiedClaims(this.tokens, request);
    } catch (error) {
      if (error instanceof InvalidTokenError)
        throw localized(
          UnauthorizedException,
          msg('auth.token-invalid', {
            why: error.message.replace(/^the bearer token is not valid: /, ''),
          }),
        );
      throw error;
    }
    if (!claims) throw localized(UnauthorizedException, msg('auth.token-required'));
    const role = claims.roles.find((r) => policy[r] !== undefined);
    if (!role)
      throw localized(
        ForbiddenException,
        msg('access.role', { roles: claims.roles, allowed: Object.keys(policy) }),
      );
    const actor: Actor = {
      actorId: claims.sub,
      role,
      scope: policy[role] as Scope,
      jurisdiction: claims.jurisdictions[0],
      jurisdictions: claims.jurisdictions,
      orgId: claims.org,
      personId: claims.person,
    };
    if (actor.scope === 'national') authorize(actor, { jurisdiction: 'CN' });
    request.actor = actor;
    return true;
  }
}

export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor =>
    context.switchToHttp().getRequest<{ actor: Actor }>().actor,
);
