import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { tanggal, winAnsi } from '@jembatan/service-kit';
import { dateOf } from '../common/dates.js';

export interface CertificateFacts {
  certificateNo: string;
  headName: string;
  title: string;
  partnerName: string;
  place: string;
  startsOn: string;
  completedOn: string;
  attended: number;
  meetings: number;
}

/** A one-page A4 landscape certificate of completion, in Bahasa Indonesia. */
export async function certificatePdf(facts: CertificateFacts): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Sertifikat ${facts.certificateNo}`);
  pdf.setProducer('Jembatan');
  pdf.setCreationDate(dateOf(facts.completedOn));
  const page = pdf.addPage([842, 595]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const ink = rgb(0.1, 0.2, 0.35);
  page.drawRectangle({ x: 24, y: 24, width: 794, height: 547, borderColor: ink, borderWidth: 3 });
  const centred = (text: string, y: number, size: number, font = regular) => {
    const safe = winAnsi(text);
    page.drawText(safe, {
      x: (842 - font.widthOfTextAtSize(safe, size)) / 2,
      y,
      size,
      font,
      color: ink,
    });
  };
  centred('SERTIFIKAT', 470, 40, bold);
  centred(`Nomor: ${facts.certificateNo}`, 440, 12);
  centred('diberikan kepada', 395, 14);
  centred(facts.headName, 350, 30, bold);
  centred('yang telah menyelesaikan pelatihan', 310, 14);
  centred(facts.title, 275, 20, bold);
  centred(`diselenggarakan oleh ${facts.partnerName} di ${facts.place}`, 240, 13);
  centred(
    `sejak ${tanggal(facts.startsOn)}, hadir ${facts.attended} dari ${facts.meetings} pertemuan`,
    215,
    13,
  );
  centred(`Selesai pada ${tanggal(facts.completedOn)}`, 160, 13);
  centred('Diterbitkan melalui Jembatan, platform pendampingan PKH', 60, 10);
  return pdf.save();
}
