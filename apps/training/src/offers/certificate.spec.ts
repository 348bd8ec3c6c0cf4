import { PDFDocument } from 'pdf-lib';
import { tanggal } from '@jembatan/service-kit';
import { certificatePdf } from './certificate.js';

describe('certificatePdf', () => {
  it('is a one-page PDF titled with the certificate number, even for names outside WinAnsi', async () => {
    const bytes = await certificatePdf({
      certificateNo: 'JBT-2026-ABCDEF12',
      headName: 'Siti Ṛahayu 李',
      title: 'Pengemasan Produk Pangan',
      partnerName: 'BLK Jakarta Timur',
      place: 'Cakung',
      startsOn: '2026-11-02',
      completedOn: '2026-11-23',
      attended: 3,
      meetings: 4,
    });
    expect(Buffer.from(bytes).subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe('Sertifikat JBT-2026-ABCDEF12');
  });

  it('writes dates the Indonesian way', () => {
    expect(tanggal('2026-11-23')).toBe('23 November 2026');
    expect(tanggal('2027-01-05')).toBe('5 Januari 2027');
  });
});
