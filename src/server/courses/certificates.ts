// Certificates (วุฒิบัตร): the A4 PDF in Thai drawn from what was issued, the public verification, and revoking.
import { eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import { durableTransaction, type Db } from '../../../db/connection.ts';
import { certificates, type Certificate } from '../../../db/schema/index.ts';
import { formatDate } from '../../i18n/index.ts';
import { normalizeCertificateCode } from '../../lib/courses/certificate-code.ts';
import { renderThaiPdf } from '../demo/thai-pdf.ts';

export function findCertificate(db: Pick<Db, 'select'>, code: string): Certificate | undefined {
  const canonical = normalizeCertificateCode(code);
  return canonical ? db.select().from(certificates).where(eq(certificates.code, canonical)).get() : undefined;
}

/** What /verify/<code> may show: enough to confirm a paper in someone's hand, nothing it does not already say. */
export function verification(db: Pick<Db, 'select'>, code: string) {
  const found = findCertificate(db, code);
  if (!found) return undefined;
  const { learnerName, courseTitle, hours, college, partner, issuedAt, revokedAt, revokedReason } = found;
  return { code: found.code, learnerName, courseTitle, hours, college, partner, issuedAt, revokedAt, revokedReason };
}

/** Revoke with a reason; false when the code names no certificate. Revoking again keeps the first date and reason. */
export function revokeCertificate(db: Db, code: string, reason: string, now = new Date()): boolean {
  const found = findCertificate(db, code);
  if (!found) return false;
  if (!found.revokedAt) durableTransaction(db, (tx) => tx.update(certificates).set({ revokedAt: now, revokedReason: reason }).where(eq(certificates.id, found.id)).run());
  return true;
}

/** The certificate as an A4 PDF in Thai, with a QR code to `verifyUrl`. */
/** /learn/certificates/<code>: the PDF, for the person it was issued to (and admins); 404 for anyone else. */
export async function certificateDownload(db: Db, code: string, viewer: { id: number; role: string }, verifyUrl: (code: string) => string): Promise<Response> {
  const found = findCertificate(db, code);
  if (!found || (found.userId !== viewer.id && viewer.role !== 'admin')) {
    return new Response('ไม่พบวุฒิบัตร\nCertificate not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const pdf = await certificatePdf(found, verifyUrl(found.code));
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="certificate-${found.code}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  });
}

export async function certificatePdf(certificate: Certificate, verifyUrl: string): Promise<Buffer> {
  const png = await QRCode.toBuffer(verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 360 });
  return renderThaiPdf({
    title: 'วุฒิบัตร',
    subtitle: 'คลังปัญญาอาชีวศึกษา ศูนย์บริหารเครือข่ายการผลิตและพัฒนากำลังคนอาชีวศึกษา',
    meta: [`ให้ไว้เพื่อแสดงว่า`],
    body: [
      `# ${certificate.learnerName}`,
      `ได้ผ่านการอบรมหลักสูตร "${certificate.courseTitle}" จำนวน ${certificate.hours} ชั่วโมง`,
      ...(certificate.units.length ? ['# หน่วยสมรรถนะ', ...certificate.units.map((u) => `- ${u}`)] : []),
      `จัดโดย ${certificate.college}${certificate.partner ? ` ร่วมกับ ${certificate.partner}` : ''}`,
      `ให้ไว้ ณ วันที่ ${formatDate(certificate.issuedAt, 'th').replace(/(\d{4})$/, 'พ.ศ. $1')}`,
    ],
    figure: {
      png,
      size: 110,
      caption: [`รหัสตรวจสอบ ${certificate.code}`, `ตรวจสอบได้ที่ ${verifyUrl}`],
    },
  });
}
