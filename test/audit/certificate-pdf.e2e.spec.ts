import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { client, personBody, zjCommittee } from '../support/ledger-client';
import { creditedThroughSession } from '../support/reported-session';
import { startTestApp, TestApp } from '../support/test-app';

/** The PDF's text and images per page (pdf-parse, in a process of its own). */
async function pdfContent(pdf: Buffer): Promise<{ text: string; imagesPerPage: number[] }> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cme-pdf-')), 'certificate.pdf');
  writeFileSync(file, pdf);
  const { stdout } = await promisify(execFile)(process.execPath, [
    path.join(__dirname, '../support/pdf-text.mjs'),
    file,
  ]);
  return JSON.parse(stdout) as { text: string; imagesPerPage: number[] };
}

describe('the certificate as a PDF (电子学分证书 PDF)', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t.app);
  });
  afterAll(() => t.close());

  it('is a PDF with the name, the year, the total, the activity title and the verification address (and its QR code)', async () => {
    const { body: p } = await api
      .post('/persons', personBody({ name: '欧阳明珠' }), zjCommittee)
      .expect(201);
    await creditedThroughSession(api, p.personId, {
      level: 'provincial',
      code: '2026-04-01-411(浙)',
      title: '急危重症护理进展',
    });
    const { body: json } = await api
      .get(`/persons/${p.personId}/years/2026/certificate`, zjCommittee)
      .expect(200);
    expect(json.countedCredits).toBe('10');

    const started = Date.now();
    const res = await api
      .get(`/persons/${p.personId}/years/2026/certificate?format=pdf`, zjCommittee)
      .buffer(true)
      .parse((stream, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
      .expect('Content-Type', 'application/pdf')
      .expect('Content-Disposition', /attachment; filename="certificate-2026\.pdf"/);
    const pdfMs = Date.now() - started;
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The CJK font is embedded as a subset: tens of KB, not the font's 8 MB.
    expect(pdf.length).toBeLessThan(400_000);

    const { text, imagesPerPage } = await pdfContent(pdf);
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('继续医学教育学分证书');
    expect(flat).toContain('欧阳明珠');
    expect(flat).toContain('2026年');
    expect(flat).toMatch(/合计学分Countedcredits：10学分/);
    expect(flat).toContain('急危重症护理进展');
    expect(flat).toContain('结论Verdict：未达标');
    // The verification address is the console's public page on the host asked.
    const url = (flat.match(/http:\/\/127\.0\.0\.1(:\d+)?\/verify\/([A-Za-z0-9_-]{67})/) ?? [])[0];
    expect(url).toBeDefined();
    const certificateId = url?.slice(-67);
    // …and the certificate it names is authentic and holds.
    const { body: verification } = await api
      .get(`/certificates/${certificateId}/verification`)
      .expect(200);
    expect(verification).toMatchObject({ authentic: true, valid: true, year: 2026 });
    // The QR code is drawn as an image on the page.
    expect(imagesPerPage).toEqual([1]);
    console.log(`certificate PDF: ${pdf.length} bytes in ${pdfMs} ms`);
  });

  it('refuses an unknown format naming the field', async () => {
    const { body: p } = await api.post('/persons', personBody(), zjCommittee).expect(201);
    const { body } = await api
      .get(`/persons/${p.personId}/years/2026/certificate?format=docx`, zjCommittee)
      .expect(400);
    expect(JSON.stringify(body)).toContain(
      'format must be one of the following values: json, html, pdf',
    );
  });
});
