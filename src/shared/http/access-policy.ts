import { ForbiddenException } from '@nestjs/common';
import { type Message, msg } from '../domain/messages';
import { localized } from './language';
import type { ActorRole } from './roles';

/**
 * Over whose records a role may use a route:
 * - `self`: the person the token says the professional is;
 * - `own-staff`: people whose recorded employer is the token's organization;
 * - `own-activity`: activities (and their sessions) the token's organization runs, in one of the
 *   token's jurisdictions;
 * - `jurisdiction`: anything in one of the token's jurisdictions (`CN` covers every province);
 * - `national`: only holders of `CN` (for what spans every jurisdiction, like the raw log);
 * - `any`: no record-level limit (the answer holds no records, e.g. hashes).
 */
export type Scope = 'self' | 'own-staff' | 'own-activity' | 'jurisdiction' | 'national' | 'any';

type Policy = Partial<Record<ActorRole, Scope>>;

const readers: Policy = {
  committee: 'jurisdiction',
  auditor: 'jurisdiction',
  admin: 'jurisdiction',
};
const personReaders: Policy = { professional: 'self', employer: 'own-staff', ...readers };

/**
 * Who may do what, and where — the one place authorization is declared. Each route names its
 * entry with `@Access(...)`; a role missing from an entry is refused (403) before anything runs,
 * and the handler checks the scope against the record it loaded with `authorize`. Auditors write
 * nothing; admins write only corrections; committees decide in their jurisdictions.
 */
export const accessPolicy = {
  // The log and the ledger as a whole.
  'events.read': { committee: 'national', auditor: 'national', admin: 'national' },
  'audit.verification': { committee: 'any', auditor: 'any', admin: 'any' },
  'audit.digest': { committee: 'any', auditor: 'any', admin: 'any' },
  'statistics.compliance': readers,
  // People.
  'persons.register': { committee: 'jurisdiction', employer: 'own-staff', admin: 'jurisdiction' },
  'persons.read': personReaders,
  'persons.employment': { committee: 'jurisdiction', admin: 'jurisdiction' },
  'persons.profile-changes': { committee: 'jurisdiction' },
  'persons.erase': { admin: 'jurisdiction' },
  'persons.credits': personReaders,
  'persons.year': personReaders,
  'persons.certificate': personReaders,
  'persons.session-trace': { ...personReaders, organizer: 'own-activity' },
  'exemptions.grant': { committee: 'jurisdiction' },
  'exemptions.revoke': { committee: 'jurisdiction' },
  'self-study-plans.approve': { employer: 'own-staff' },
  // Credits.
  'credits.grant': { employer: 'own-staff', committee: 'jurisdiction' },
  'credits.verify': { committee: 'jurisdiction' },
  'credits.revoke': { admin: 'jurisdiction' },
  'credits.adjust': { admin: 'jurisdiction' },
  'credits.trace': personReaders,
  'corrections.approve': { admin: 'jurisdiction' },
  'corrections.reject': { admin: 'jurisdiction' },
  // Activities and sessions.
  'activities.register': { committee: 'jurisdiction', employer: 'own-activity' },
  'activities.schedule-session': { organizer: 'own-activity', committee: 'jurisdiction' },
  'activities.annul': { committee: 'jurisdiction' },
  'sessions.read': { organizer: 'own-activity', ...readers },
  'sessions.attendance': { organizer: 'own-activity' },
  'sessions.report': { organizer: 'own-activity' },
  'sessions.decide-report': { committee: 'jurisdiction' },
  'work-queues.reviews': { committee: 'jurisdiction', auditor: 'jurisdiction' },
  // Committee tools.
  'organizers.sanction': { committee: 'jurisdiction' },
  'organizers.annul': { committee: 'jurisdiction' },
  'organizers.read-sanctions': { organizer: 'own-activity', ...readers },
  'spot-checks.draw': { committee: 'jurisdiction' },
  'spot-checks.finding': { committee: 'jurisdiction' },
  'spot-checks.read': readers,
  'year-audits.seal': { committee: 'jurisdiction' },
  'year-audits.read': readers,
  // Imports: each row runs as its command and is checked there; the file's jurisdiction first.
  'imports.persons': { committee: 'jurisdiction', employer: 'own-staff' },
  'imports.activities': { committee: 'jurisdiction' },
  'imports.attendance': { organizer: 'own-activity' },
  'imports.credits': { committee: 'jurisdiction' },
  'imports.templates': {
    professional: 'any',
    organizer: 'any',
    employer: 'any',
    committee: 'any',
    auditor: 'any',
    admin: 'any',
  },
  // The web console's look-ups (src/console/find).
  'persons.find': { employer: 'own-staff', ...readers },
  'activities.find': { organizer: 'own-activity', ...readers },
  'credits.find': readers,
  'credits.read': personReaders,
  'corrections.find': readers,
  // The console's look-ups for each user's work (src/console/work).
  'spot-checks.find': readers,
  'year-audits.find': readers,
  'year-audits.changes': readers,
  'exemptions.find': readers,
  'self-study-plans.find': { employer: 'own-staff', ...readers },
  'organizers.credits': { employer: 'own-activity', ...readers },
} as const satisfies Record<string, Policy>;

export type RouteAccess = keyof typeof accessPolicy;

export function policyOf(route: RouteAccess): Policy {
  return accessPolicy[route];
}

/** What a record is, as far as access goes: where it belongs and whose it is. */
export interface AccessTarget {
  jurisdiction: string;
  /** The person the record is about. */
  personId?: string;
  /** The person's recorded employer (organization id). */
  employerId?: string | null;
  /** The organization running the activity the record belongs to. */
  organizerId?: string;
}

/** The part of an actor that access depends on. */
export interface AccessHolder {
  role: ActorRole;
  scope: Scope;
  jurisdictions: string[];
  orgId?: string;
  personId?: string;
}

export function covers(holder: Pick<AccessHolder, 'jurisdictions'>, jurisdiction: string): boolean {
  return holder.jurisdictions.some((j) => j === 'CN' || j === jurisdiction);
}

/** Whether the holder's scope on this route reaches the target. */
export function mayAccess(holder: AccessHolder, target: AccessTarget): boolean {
  switch (holder.scope) {
    case 'any':
      return true;
    case 'national':
      return holder.jurisdictions.includes('CN');
    case 'jurisdiction':
      return covers(holder, target.jurisdiction);
    case 'self':
      return target.personId !== undefined && holder.personId === target.personId;
    case 'own-staff':
      return (
        !!holder.orgId && target.employerId === holder.orgId && covers(holder, target.jurisdiction)
      );
    case 'own-activity':
      return (
        !!holder.orgId && target.organizerId === holder.orgId && covers(holder, target.jurisdiction)
      );
  }
}

/** Throws 403 unless the holder may act on the target; says why without naming anyone. */
export function authorize(holder: AccessHolder, target: AccessTarget): void {
  if (mayAccess(holder, target)) return;
  const why: Record<Scope, Message> = {
    any: msg('access.national'),
    national: msg('access.national'),
    jurisdiction: msg('access.jurisdiction', {
      jurisdiction: target.jurisdiction,
      yours: holder.jurisdictions,
    }),
    self: msg('access.self'),
    'own-staff': msg('access.own-staff'),
    'own-activity': msg('access.own-activity'),
  };
  throw localized(ForbiddenException, why[holder.scope]);
}
