import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUnit, createUser } from '../../../../test/factories.js';
import { createProgramme, createReserve, scheduleReserve } from '../../../../test/factories-programme.js';
import { multipartForm as form } from '../../../../test/multipart.js';
import { buildTestApp, type TestApp, type TestClient } from '../../../../test/test-app.js';
import { dbKinds } from '../../../../test/test-db.js';
import { todayIn, yearOf } from '../../../core/time/dates.js';
import { obligations } from './obligations.table.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

describe.each(dbKinds())('evidence attachments on %s', (kind) => {
  let t: TestApp;
  let hr: TestClient;
  let otherHr: TestClient;
  let obligationId: string;
  const today = todayIn();

  beforeAll(async () => {
    t = await buildTestApp(kind);
    const city = await createUnit(t.db);
    const county = await createUnit(t.db, { parent: city, type: 'county_branch' });
    const other = await createUnit(t.db, { parent: city, type: 'county_branch' });
    const programme = await createProgramme(t.db, city);
    const reserve = await createReserve(t.db, {
      person: await createPerson(t.db, t.cipher, county),
      programme,
    });
    await scheduleReserve(t.db, reserve, programme, yearOf(today));
    const [o] = await t.db
      .select()
      .from(obligations)
      .where(and(eq(obligations.reserveId, reserve.id), eq(obligations.ruleKey, 'internal_training')));
    obligationId = o.id;
    hr = await t.login((await createUser(t.db, { grants: [{ role: 'hr_admin', unit: county }] })).username);
    otherHr = await t.login(
      (await createUser(t.db, { grants: [{ role: 'hr_admin', unit: other }] })).username,
    );
  });
  afterAll(() => t.close());

  const upload = (
    client: TestClient,
    fields: Record<string, string>,
    file?: { name: string; data: Buffer },
  ) => {
    const { body, contentType } = form(fields, file);
    return client.request('POST', `/api/obligations/${obligationId}/evidence/upload`, body, {
      'content-type': contentType,
    });
  };

  it('refuses files that are not documents by content, or too large, and keeps the obligation open', async () => {
    const fake = await upload(
      hr,
      { occurredOn: today },
      { name: '签到表.pdf', data: Buffer.from('just text, named .pdf') },
    );
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.code).toBe('invalid_file');
    const big = await upload(
      hr,
      { occurredOn: today },
      { name: 'big.pdf', data: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]) },
    );
    expect(big.statusCode).toBe(413);
    const noFile = await upload(hr, { occurredOn: today });
    expect(noFile.statusCode).toBe(400);
    const [o] = await t.db.select().from(obligations).where(eq(obligations.id, obligationId));
    expect(o.state).toBe('open');
  });

  it('stores a PDF with the evidence, fulfils the obligation, and serves the file only within scope', async () => {
    expect((await upload(otherHr, { occurredOn: today }, { name: 'x.pdf', data: PDF })).statusCode).toBe(404);
    const res = await upload(
      hr,
      { occurredOn: today, note: '内训签到表' },
      { name: '内训签到表.pdf', data: PDF },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().item.state).toBe('fulfilled');
    const [proof] = res.json().evidence;
    expect(proof).toMatchObject({
      attachmentName: '内训签到表.pdf',
      attachmentType: 'application/pdf',
      note: '内训签到表',
    });
    const file = await hr.get(`/api/obligations/${obligationId}/evidence/${proof.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''%E5%86%85");
    expect(file.rawPayload.equals(PDF)).toBe(true);
    expect((await otherHr.get(`/api/obligations/${obligationId}/evidence/${proof.id}/file`)).statusCode).toBe(
      404,
    );
  });
});
