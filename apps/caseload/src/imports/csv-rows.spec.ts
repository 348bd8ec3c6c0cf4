import { Readable } from 'node:stream';
import { CsvToCopyRows } from './csv-rows.js';

async function convert(chunks: string[]) {
  const rows = new CsvToCopyRows((fields) => new Error(fields.map((f) => f.path).join(',')));
  let out = '';
  rows.on('data', (data: Buffer) => (out += data.toString()));
  await new Promise<void>((resolve, reject) =>
    Readable.from(chunks.map((c) => Buffer.from(c)))
      .pipe(rows)
      .on('finish', resolve)
      .on('error', reject),
  );
  return { out, rows };
}

const HEADER = 'nama_pengurus,nik_pengurus,kode_kelurahan,alamat,tahun_masuk_pkh,extra\r\n';

describe('CsvToCopyRows', () => {
  it('maps columns by header name, escapes for COPY and numbers lines', async () => {
    const { out, rows } = await convert([
      HEADER,
      '"Siti, Aminah",3175014101000001,31.75.01.1001,"Jl. ""Melati"" 1\nRT 2",2018,x\r\n',
      '\r\n',
      'Nur,3175014101000002,31.75.01.1002,Jl. Mawar\t3,2019,y',
    ]);
    expect(rows.rows).toBe(2);
    expect(out.split('\n').filter(Boolean)).toEqual([
      '2\t3175014101000001\tSiti, Aminah\t\t31.75.01.1001\tJl. "Melati" 1\\nRT 2\t2018\t',
      '5\t3175014101000002\tNur\t\t31.75.01.1002\tJl. Mawar\\t3\t2019\t',
    ]);
  });

  it('reads quotes and line breaks split across chunks', async () => {
    const whole = `${HEADER}"A ""B"" C",3175014101000001,31.75.01.1001,"x\ny",2018,z\n`;
    for (let cut = 1; cut < whole.length; cut += 7) {
      const { out } = await convert([whole.slice(0, cut), whole.slice(cut)]);
      expect(out).toBe('2\t3175014101000001\tA "B" C\t\t31.75.01.1001\tx\\ny\t2018\t\n');
    }
  });

  it('reports rows with the wrong number of fields instead of staging them', async () => {
    const { out, rows } = await convert([HEADER, 'only,three,fields\n']);
    expect(out).toBe('');
    expect(rows.problems).toEqual([
      { line: 2, field: '', reason: 'has 3 columns where the header has 6' },
    ]);
  });

  it('refuses a header without the required columns', async () => {
    await expect(convert(['nik_pengurus,alamat\n'])).rejects.toThrow(
      'header.nama_pengurus,header.kode_kelurahan,header.tahun_masuk_pkh',
    );
  });
});
