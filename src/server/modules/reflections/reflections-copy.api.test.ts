import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HONEST_READING_A,
  HONEST_READING_B,
  lightlyEdited,
  reordered,
} from '../../../../test/data/reflection-texts.js';
import {
  buildReflectionWorld,
  obligationOf,
  writeAndSubmit,
} from '../../../../test/factories-reflections.js';
import { buildTestApp, type TestApp, type TestClient } from '../../../../test/test-app.js';
import { dbKinds } from '../../../../test/test-db.js';
import type { ReflectionDetail } from '../../../contracts/reflections.js';

type World = Awaited<ReturnType<typeof buildReflectionWorld>>;

describe.each(dbKinds())('reflections: copy detection on %s', (kind) => {
  let t: TestApp;
  let w: World;
  let original: string;

  beforeAll(async () => {
    t = await buildTestApp(kind);
    w = await buildReflectionWorld(t);
    // County A's first reserve writes the original reading reflection.
    const { id, res } = await writeAndSubmit(
      w.clients.a1,
      (await obligationOf(t, w.reserves.a1, 'reading_reflection')).id,
      HONEST_READING_A,
    );
    expect(res.statusCode, res.body).toBe(200);
    original = id;
  });
  afterAll(() => t.close());

  const get = async (client: TestClient, id: string) => {
    const res = await client.get(`/api/reflections/${id}`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    return res.json() as ReflectionDetail;
  };
  const submit = async (
    client: TestClient,
    reserve: keyof World['reserves'],
    rule: string,
    text: string,
    period?: string,
  ) => {
    const obligation = await obligationOf(t, w.reserves[reserve], rule, period);
    const { id, res } = await writeAndSubmit(client, obligation.id, text);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return id;
  };

  it('reuse of one’s own other reflection is flagged apart, as 与本人其他心得重复', async () => {
    const id = await submit(w.clients.a1, 'a1', 'quarterly_reflection', HONEST_READING_A);
    const d = await get(w.clients.hrA, id);
    const own = d.copyCheck!.matches.find((m) => m.kind === 'own');
    expect(own).toMatchObject({ score: 100, flagged: true });
    expect(own!.other?.id).toBe(original);
    const item = (await w.clients.hrA.get('/api/reflections?flag=own')).json().items;
    expect(item.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(item[0]).toMatchObject({ ownReuseScore: 100, copyScore: null, copyFlag: 'own' });
  });

  it('flags a verbatim copy by another reserve, with the passages marked in both texts', async () => {
    const id = await submit(w.clients.a2, 'a2', 'reading_reflection', HONEST_READING_A);
    const d = await get(w.clients.hrA, id);
    // The original and its author's reuse of it both match fully: either may come first.
    const match = d.copyCheck!.matches.find((m) => m.other?.id === original)!;
    expect(match).toMatchObject({ kind: 'others', score: 100, flagged: true });
    expect(match.other).toMatchObject({ id: original, personName: '张青山', text: HONEST_READING_A });
    expect(match.passages.length).toBeGreaterThan(0);
    const longest = match.passages.reduce((a, b) => (b.length > a.length ? b : a));
    expect(longest.b).not.toBeNull();
    expect(HONEST_READING_A.slice(longest.b!.start, longest.b!.end)).toBe(
      d.versions[0].text.slice(longest.a.start, longest.a.end),
    );
    const flagged = (await w.clients.hrA.get('/api/reflections?flag=others')).json();
    expect(flagged.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(flagged.items[0]).toMatchObject({ copyFlag: 'others', copyScore: 100 });
    expect(
      (await w.clients.hrA.get('/api/reflections?flag=none')).json().items.map((i: { id: string }) => i.id),
    ).toEqual([original]);
  });

  it('flags a lightly edited copy from the other county, without showing HR there the original', async () => {
    const id = await submit(w.clients.b, 'b', 'reading_reflection', lightlyEdited(HONEST_READING_A));
    const res = await w.clients.hrB.get(`/api/reflections/${id}`);
    const d = res.json() as ReflectionDetail;
    const best = d.copyCheck!.matches[0];
    expect(best.kind).toBe('others');
    expect(best.score).toBeGreaterThanOrEqual(60);
    expect(best.flagged).toBe(true);
    // County A's reflection is outside county B's scope: its score, and this text's passages only.
    expect(best.other).toBeNull();
    expect(best.passages.every((p) => p.b === null)).toBe(true);
    expect(res.body).not.toContain(original);
    expect(res.body).not.toContain('张青山');
    expect(res.body).not.toContain(HONEST_READING_A.slice(200, 260));
    // The city's HR sees both sides.
    expect((await get(w.clients.hrCity, id)).copyCheck!.matches.some((m) => m.other?.id === original)).toBe(
      true,
    );
  });

  it('flags a copy with its paragraphs reordered', async () => {
    const id = await submit(w.clients.b, 'b', 'quarterly_reflection', reordered(HONEST_READING_A));
    const best = (await get(w.clients.hrCity, id)).copyCheck!.matches.find((m) => m.kind === 'others')!;
    expect(best.score).toBeGreaterThanOrEqual(85);
    expect(best.flagged).toBe(true);
  });

  it('does not flag an honest reflection on the same book', async () => {
    const id = await submit(w.clients.a2, 'a2', 'quarterly_reflection', HONEST_READING_B);
    const d = await get(w.clients.hrA, id);
    expect(d.copyCheck!.matches.filter((m) => m.flagged)).toEqual([]);
    const item = (await w.clients.hrA.get(`/api/reflections?q=李青山&kind=learning_reflection`)).json()
      .items[0];
    expect(item).toMatchObject({ id, copyFlag: null });
  });

  it('thresholds are the programme’s: HR of the owning unit changes them, county HR reads them', async () => {
    const url = `/api/programmes/${w.programme.id}/reflection-settings`;
    const read = (await w.clients.hrA.get(url)).json();
    expect(read).toMatchObject({ thresholdPercent: 30, flagOwnReuse: true, version: 0, canEdit: false });
    expect(
      (await w.clients.hrA.put(url, { thresholdPercent: 90, flagOwnReuse: false, version: 0 })).statusCode,
    ).toBe(404);
    expect(
      (await w.clients.hrCity.put(url, { thresholdPercent: 2, flagOwnReuse: false, version: 0 })).statusCode,
    ).toBe(400);
    const saved = await w.clients.hrCity.put(url, { thresholdPercent: 99, flagOwnReuse: false, version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      thresholdPercent: 99,
      flagOwnReuse: false,
      version: 1,
      canEdit: true,
    });
    expect(
      (await w.clients.hrCity.put(url, { thresholdPercent: 50, flagOwnReuse: false, version: 0 })).statusCode,
    ).toBe(409);
    // A re-run check uses them: the lightly edited copy falls below 99 %, own reuse is no longer looked at.
    const edited = (await w.clients.hrCity.get('/api/reflections?q=赵临江&kind=reading_reflection')).json()
      .items[0];
    const rechecked = await w.clients.hrCity.post(`/api/reflections/${edited.id}/recheck`);
    expect(rechecked.statusCode, rechecked.body).toBe(200);
    expect((rechecked.json() as ReflectionDetail).copyCheck?.threshold).toBe(99);
    const after = (
      await w.clients.hrCity.get(`/api/reflections?flag=any&q=赵临江&kind=reading_reflection`)
    ).json();
    expect(after.items).toEqual([]);
    expect((await w.clients.hrB.post(`/api/reflections/${original}/recheck`)).statusCode).toBe(404);
  });
});
