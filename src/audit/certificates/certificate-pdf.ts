import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { CertificateContent } from './certificate';

/**
 * Noto Sans Hans (SIL OFL), shipped by the `@embedpdf/fonts-sc` npm package: a CJK font that is
 * there on a fresh machine after `npm ci`, whatever fonts the system has. pdfkit embeds only the
 * glyphs a certificate uses (a subset of ~40 KB), so the PDF stays small.
 */
function fontFile(file: string): string {
  // The package's entry (dist/index.cjs) sits beside its fonts/ folder.
  return path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', file);
}
let fontCache: { regular: Buffer; bold: Buffer } | undefined;
const cjkFonts = () =>
  (fontCache ??= {
    regular: readFileSync(fontFile('NotoSansHans-Regular.otf')),
    bold: readFileSync(fontFile('NotoSansHans-Bold.otf')),
  });

const verdictLabel: Record<string, string> = {
  compliant: '达标',
  short: '未达标',
  exempt: '免修',
  'out-of-scope': '不在继续医学教育范围',
};
const kindLabel: Record<string, string> = {
  project: '继续医学教育项目',
  'internal-training': '单位内部培训',
  'advanced-study': '进修',
  mentorship: '师承',
  'degree-education': '学历教育',
  'special-training': '专项培训',
  'self-study': '自学',
  publication: '论文著作',
  imported: '历史学分',
};
const subjectLabel: Record<string, string> = { public: '公需科目', professional: '专业科目' };
const categoryLabel: Record<string, string> = { I: 'Ⅰ类', II: 'Ⅱ类' };

/** "2026-11-24 09:20:00 (北京时间)": an instant as a wall-clock time in Asia/Shanghai. */
export function shanghaiTime(iso: string): string {
  const text = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
  return `${text}（北京时间）`;
}

export interface CertificateForPdf extends CertificateContent {
  certificateId: string;
  issuedAt: string;
  position: string;
  digestRoot: string;
  name: string | null;
  idNumber: string | null;
}

/**
 * 电子学分证书 as a PDF: the person, the year's counted credits and verdict, every counted credit
 * with its activity's title, where in the log it was issued, and a QR code that opens the public
 * verification page (`verificationUrl`, also printed in full).
 */
export async function certificatePdf(
  certificate: CertificateForPdf,
  verificationUrl: string,
  activityTitles: ReadonlyMap<string, string>,
): Promise<Buffer> {
  const { regular, bold } = cjkFonts();
  const qr = await QRCode.toBuffer(verificationUrl, { type: 'png', margin: 1, width: 240 });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: {
      Title: `继续医学教育学分证书 ${certificate.year}`,
      Subject: 'Continuing medical education credits',
      Creator: 'cme-ledger',
    },
    lang: 'zh-CN',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', regular);
  doc.registerFont('cjk-bold', bold);
  const width = doc.page.width - 100;

  doc.font('cjk-bold').fontSize(22).text('继续医学教育学分证书', { align: 'center' });
  doc
    .font('cjk')
    .fontSize(11)
    .fillColor('#444')
    .text(`Continuing medical education credits · ${certificate.year} 年度`, { align: 'center' });
  doc.moveDown(1.2).fillColor('#000').fontSize(12);
  const line = (label: string, value: string) =>
    doc.font('cjk').text(`${label}：`, { continued: true }).font('cjk-bold').text(value);
  line('姓名 Name', certificate.name ?? '[已删除 erased]');
  line('身份证号 ID number', certificate.idNumber ?? '[已删除 erased]');
  line('学分年度 Credit year', `${certificate.year} 年`);
  line('合计学分 Counted credits', `${certificate.countedCredits} 学分`);
  line('学时 Study hours', certificate.countedHours);
  line('结论 Verdict', `${verdictLabel[certificate.verdict] ?? certificate.verdict}`);
  line('规则版本 Rule profile', certificate.profile);
  doc.moveDown(0.8);

  // The credits, one row each.
  const columns = [
    { title: '项目 Activity', width: 0.42 },
    { title: '类型 Kind', width: 0.2 },
    { title: '科目 Subject', width: 0.14 },
    { title: '类别', width: 0.1 },
    { title: '学分', width: 0.14 },
  ];
  const row = (cells: string[], font: 'cjk' | 'cjk-bold') => {
    const top = doc.y;
    let x = 50;
    let bottom = top;
    cells.forEach((cell, i) => {
      const w = columns[i].width * width;
      doc
        .font(font)
        .fontSize(9.5)
        .text(cell, x + 3, top + 3, { width: w - 6, align: i === 4 ? 'right' : 'left' });
      bottom = Math.max(bottom, doc.y + 3);
      x += w;
    });
    doc
      .moveTo(50, bottom)
      .lineTo(50 + width, bottom)
      .strokeColor('#999')
      .lineWidth(0.5)
      .stroke();
    doc.x = 50;
    doc.y = bottom;
  };
  row(
    columns.map((c) => c.title),
    'cjk-bold',
  );
  for (const credit of certificate.credits) {
    if (doc.y > doc.page.height - 260) doc.addPage();
    row(
      [
        activityTitles.get(credit.activityId) ?? credit.activityId,
        kindLabel[credit.kind] ?? credit.kind,
        subjectLabel[credit.subject] ?? credit.subject,
        credit.category ? (categoryLabel[credit.category] ?? credit.category) : '—',
        credit.amount,
      ],
      'cjk',
    );
  }
  if (certificate.credits.length === 0) row(['（无计入学分 none counted）', '', '', '', ''], 'cjk');

  if (doc.y > doc.page.height - 230) doc.addPage();
  doc.moveDown(1.2);
  const qrTop = doc.y;
  doc.image(qr, 50, qrTop, { width: 110 });
  doc
    .font('cjk')
    .fontSize(9)
    .fillColor('#000')
    .text('扫码验证 · Scan to verify:', 170, qrTop)
    .text(verificationUrl, 170, doc.y, { width: width - 120, link: verificationUrl })
    .moveDown(0.5)
    .text(`签发时间 Issued：${shanghaiTime(certificate.issuedAt)}`, { width: width - 120 })
    .text(`日志位置 Log position：${certificate.position}`, { width: width - 120 })
    .text(`账本摘要 Ledger digest：${certificate.digestRoot}`, { width: width - 120 })
    .text(`证书编号 Certificate id：${certificate.certificateId}`, { width: width - 120 });
  doc.end();
  return done;
}
