import { createHash } from 'node:crypto';
import {
  assessDocYear,
  creditsOf,
  type PersonYearsDoc,
  personYearsProjection,
} from '../../../projections/person-years/person-years.projection';
import { canonicalJson } from '../../shared/domain/canonical-json';
import {
  compareLogPositions,
  type EventStore,
  type LogPosition,
} from '../../event-store/event-store.port';
import { readWholeStream } from '../../event-store/read-whole-stream';
import { personStreamId } from '../../persons/domain/person.events';
import { projectedEvent } from '../../projections/projection-batch';

/**
 * 电子学分证书: a person's counted credits for a year as the ledger stood at a log position. Its id
 * carries the person, the year, the position and a digest of the content, so the ledger can
 * recompute it at that position (is it authentic?) and now (does it still hold?).
 */
export interface CertificateContent {
  personId: string;
  year: number;
  profile: string;
  verdict: string;
  countedCredits: string;
  countedHours: string;
  credits: {
    creditId: string;
    amount: string;
    category: string | null;
    subject: string;
    kind: string;
    activityId: string;
  }[];
}

export async function certificateContentAt(
  store: EventStore,
  personId: string,
  year: number,
  /** Up to this position; `'latest'`: every event of the person's stream committed now. */
  position: LogPosition | 'latest',
): Promise<CertificateContent | null> {
  const events = (await readWholeStream(store, personStreamId(personId))).filter(
    (e) => position === 'latest' || compareLogPositions(e.position, position) <= 0,
  );
  const doc = events
    .map(projectedEvent)
    .reduce<PersonYearsDoc>(
      (d, e) => personYearsProjection.evolve(d, e),
      personYearsProjection.initialState(personId),
    );
  const assessment = assessDocYear(doc, year);
  if (!assessment) return null;
  const credits = creditsOf(doc)
    .filter(
      (c) =>
        c.creditYear === year &&
        !c.revoked &&
        !c.annulled &&
        c.verification !== 'pending' &&
        c.verification !== 'rejected',
    )
    .sort((a, b) => (a.creditId < b.creditId ? -1 : 1))
    .map((c) => ({
      creditId: c.creditId,
      amount: c.amount,
      category: c.category,
      subject: c.subject,
      kind: c.kind,
      activityId: c.activityId,
    }));
  return {
    personId,
    year,
    profile: assessment.profile,
    verdict: assessment.verdict,
    countedCredits: assessment.counted.credits,
    countedHours: assessment.counted.hours,
    credits,
  };
}

export const contentDigest = (content: CertificateContent) =>
  createHash('sha256').update(canonicalJson(content)).digest();

export function encodeCertificateId(
  personId: string,
  year: number,
  position: LogPosition,
  content: CertificateContent,
): string {
  const bytes = Buffer.alloc(16 + 2 + 8 + 8 + 16);
  Buffer.from(personId.replace(/-/g, ''), 'hex').copy(bytes, 0);
  bytes.writeUInt16BE(year, 16);
  bytes.writeBigUInt64BE(position.commit, 18);
  bytes.writeBigUInt64BE(position.prepare, 26);
  contentDigest(content).copy(bytes, 34, 0, 16);
  return bytes.toString('base64url');
}

export function decodeCertificateId(
  id: string,
): { personId: string; year: number; position: LogPosition; digest: Buffer } | null {
  if (!/^[A-Za-z0-9_-]{67}$/.test(id)) return null;
  const bytes = Buffer.from(id, 'base64url');
  if (bytes.length !== 50) return null;
  const hex = bytes.subarray(0, 16).toString('hex');
  return {
    personId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    year: bytes.readUInt16BE(16),
    position: { commit: bytes.readBigUInt64BE(18), prepare: bytes.readBigUInt64BE(26) },
    digest: bytes.subarray(34, 50),
  };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function certificateHtml(
  certificate: {
    certificateId: string;
    issuedAt: string;
    position: string;
    digestRoot: string;
    /** Null once the person was erased (crypto-shredding). */
    name: string | null;
    idNumber: string | null;
  } & CertificateContent,
): string {
  const rows = certificate.credits
    .map(
      (c) =>
        `<tr><td>${escape(c.kind)}</td><td>${escape(c.subject)}</td><td>${escape(c.category ?? '—')}</td><td class="n">${escape(c.amount)}</td><td class="id">${escape(c.creditId)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>继续医学教育学分证书 ${certificate.year}</title>
<style>body{font-family:serif;max-width:46rem;margin:2rem auto}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3rem}.n{text-align:right}.id,.mono{font-family:monospace;font-size:.75rem;word-break:break-all}@media print{a{color:inherit}}</style></head>
<body>
<h1>继续医学教育学分证书 · Continuing medical education credits ${certificate.year}</h1>
<p>${escape(certificate.name ?? '[erased]')} · ${escape(certificate.idNumber ?? '[erased]')}</p>
<p>Counted credits: <strong>${escape(certificate.countedCredits)}</strong> · study hours ${escape(certificate.countedHours)} · verdict <strong>${escape(certificate.verdict)}</strong> · rule profile ${escape(certificate.profile)}</p>
<table><thead><tr><th>kind</th><th>subject</th><th>category</th><th>credits</th><th>credit id</th></tr></thead><tbody>
${rows}
</tbody></table>
<p>Issued ${escape(certificate.issuedAt)} at log position <span class="mono">${escape(certificate.position)}</span>; ledger digest <span class="mono">${escape(certificate.digestRoot)}</span>.</p>
<p>Check it: <span class="mono">GET /certificates/${escape(certificate.certificateId)}/verification</span></p>
</body></html>
`;
}
