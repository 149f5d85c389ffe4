import zlib from 'node:zlib';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HONEST_READING_B } from '../../../../test/data/reflection-texts.js';
import { buildReflectionWorld, obligationOf } from '../../../../test/factories-reflections.js';
import { multipartForm } from '../../../../test/multipart.js';
import { pdfWithText } from '../../../../test/pdf-with-text.js';
import { buildTestApp, type TestApp } from '../../../../test/test-app.js';
import { dbKinds } from '../../../../test/test-db.js';
import { buildZip } from '../../../../test/zip.js';
import type { ReflectionDetail } from '../../../contracts/reflections.js';
import { countChars } from '../../../core/text/char-count.js';

type World = Awaited<ReturnType<typeof buildReflectionWorld>>;

async function docxOf(paragraphs: string[]): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }] });
  return Packer.toBuffer(doc);
}

describe.each(dbKinds())('reflections: uploaded Word and PDF files on %s', (kind) => {
  let t: TestApp;
  let w: World;
  let id: string;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    w = await buildReflectionWorld(t);
    const obligation = await obligationOf(t, w.reserves.a1, 'quarterly_reflection');
    id = (await w.clients.a1.post('/api/my/reflections', { obligationId: obligation.id })).json().id;
  });
  afterAll(() => t.close());

  const current = async () => (await w.clients.a1.get(`/api/reflections/${id}`)).json() as ReflectionDetail;
  const upload = async (file?: { name: string; data: Buffer }, client = w.clients.a1) => {
    const { body, contentType } = multipartForm({ version: String((await current()).version) }, file);
    return client.request('POST', `/api/reflections/${id}/upload`, body, { 'content-type': contentType });
  };

  it('takes the text of a .docx as the draft, counted as the editor counts it, and keeps the file', async () => {
    const paragraphs = HONEST_READING_B.split('\n\n');
    const res = await upload({ name: '季度学习心得.docx', data: await docxOf(paragraphs) });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as ReflectionDetail;
    expect(d.draft?.fileName).toBe('季度学习心得.docx');
    expect(d.draft?.text.replace(/\s+/g, '')).toBe(HONEST_READING_B.replace(/\s+/g, ''));
    expect(d.draft?.chars).toBe(countChars(HONEST_READING_B).total);
    const file = await w.clients.a1.get(`/api/reflections/${id}/files/0`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('wordprocessingml');
    // The file goes with the submitted version, and to the obligation's evidence.
    const submitted = await w.clients.a1.post(`/api/reflections/${id}/submit`, {
      text: d.draft!.text,
      version: d.version,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect((submitted.json() as ReflectionDetail).versions[0].fileName).toBe('季度学习心得.docx');
    expect((await w.clients.hrA.get(`/api/reflections/${id}/files/1`)).statusCode).toBe(200);
    expect((await w.clients.hrB.get(`/api/reflections/${id}/files/1`)).statusCode).toBe(404);
    const evidence = (await w.clients.hrA.get(`/api/obligations/${d.obligationId}`)).json().evidence;
    expect(evidence[0]).toMatchObject({
      sourceType: 'reflection',
      sourceId: id,
      attachmentName: '季度学习心得.docx',
    });
    // Back to the reserve for the PDF tests.
    const hr = (await w.clients.hrA.get(`/api/reflections/${id}`)).json() as ReflectionDetail;
    await w.clients.hrA.post(`/api/reflections/${id}/return`, {
      version: hr.version,
      comment: '请上传PDF版',
    });
  });

  it('takes the text of a PDF', async () => {
    const res = await upload({
      name: 'reflection.pdf',
      data: pdfWithText(['读书心得体会', '我们要加强学习。AI赋能，提质增效！']),
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as ReflectionDetail;
    expect(d.draft?.text).toBe('读书心得体会\n我们要加强学习。AI赋能，提质增效！');
    expect(d.draft?.chars).toBe(6 + 8 + 9);
  });

  it('refuses files that are not Word or PDF by content, empty or missing files, and zip bombs', async () => {
    const before = (await current()).draft?.text;
    const fake = await upload({ name: '心得.docx', data: Buffer.from('plain text named .docx') });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.code).toBe('invalid_file');
    const xlsx = buildZip([
      {
        name: '[Content_Types].xml',
        data: zlib.deflateRawSync(Buffer.from('<Types/>')),
        uncompressedSize: 8,
      },
      {
        name: 'xl/workbook.xml',
        data: zlib.deflateRawSync(Buffer.from('<workbook/>')),
        uncompressedSize: 11,
      },
    ]);
    expect((await upload({ name: 'x.docx', data: xlsx })).statusCode).toBe(400);
    expect((await upload()).statusCode).toBe(400);
    const zeros = zlib.deflateRawSync(Buffer.alloc(80 * 1024 * 1024));
    const bomb = buildZip([
      {
        name: '[Content_Types].xml',
        data: zlib.deflateRawSync(Buffer.from('<Types/>')),
        uncompressedSize: 8,
      },
      { name: 'word/document.xml', data: zeros, uncompressedSize: 80 * 1024 * 1024 },
    ]);
    const refused = await upload({ name: 'bomb.docx', data: bomb });
    expect(refused.statusCode).toBe(413);
    expect(refused.json().error.code).toBe('file_too_large');
    const scanned = await upload({ name: 'scan.pdf', data: pdfWithText([]) });
    expect(scanned.statusCode).toBe(400);
    expect((await current()).draft?.text).toBe(before);
  });

  it('only the author uploads', async () => {
    const file = { name: 'x.pdf', data: pdfWithText(['别人的文字']) };
    expect((await upload(file, w.clients.a2)).statusCode).toBe(404);
    expect((await upload(file, w.clients.hrA)).statusCode).toBe(404);
  });
});
