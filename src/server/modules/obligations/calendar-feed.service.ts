import { and, or, type SQL, sql } from 'drizzle-orm';
import { writeCalendar } from '../../../core/programme/icalendar.js';
import { OBLIGATION_STATUS_LABELS } from '../../../core/programme/status.js';
import { addDays, todayIn } from '../../../core/time/dates.js';
import type { Actor } from '../../platform/access.js';
import { writeAudit } from '../../platform/audit.js';
import { randomToken, sha256 } from '../../platform/crypto.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/request-context.js';
import * as repo from './calendar-feed.repository.js';
import { obligations } from './obligations.table.js';
import { iterateItems } from './obligations-views.repository.js';
import {
  activeReserve,
  DEFAULT_TIME_ZONE,
  dutyCondition,
  ownCondition,
  presentItems,
} from './obligations-views.service.js';

/** The feed covers this many days back and ahead of today. */
export const FEED_WINDOW = { pastDays: 90, futureDays: 400 } as const;
/** A feed never lists more events than this (an HR leader of a whole province stays well below). */
const FEED_MAX_EVENTS = 20_000;

/** Whether the user has a live feed, and since when. */
export async function getFeedState(ctx: ServiceContext) {
  const feed = await repo.findLiveFeed(ctx.db, ctx.actor.userId);
  return { active: !!feed, createdAt: feed?.createdAt.toISOString() ?? null };
}

/** Creates the user's secret feed URL, revoking any earlier one; the token is shown only now. */
export async function createFeed(ctx: ServiceContext) {
  const token = randomToken(32);
  const feed = await ctx.db.transaction(async (tx) => {
    await repo.revokeFeeds(tx, ctx.actor.userId, new Date());
    const row = await repo.insertFeed(tx, { userId: ctx.actor.userId, tokenHash: sha256(token) });
    await writeAudit(tx, ctx.audit, {
      action: 'calendar_feed.created',
      entityType: 'calendar_feed',
      entityId: row.id,
      summary: `${ctx.actor.displayName} 生成日历订阅地址`,
    });
    return row;
  });
  return { url: `/ical/${token}.ics`, createdAt: feed.createdAt.toISOString() };
}

/** Revokes the user's feed: its URL answers 404 from now on. */
export async function revokeFeed(ctx: ServiceContext) {
  await ctx.db.transaction(async (tx) => {
    const revoked = await repo.revokeFeeds(tx, ctx.actor.userId, new Date());
    if (revoked === 0) return;
    await writeAudit(tx, ctx.audit, {
      action: 'calendar_feed.revoked',
      entityType: 'calendar_feed',
      summary: `${ctx.actor.displayName} 停用日历订阅地址`,
    });
  });
  return { ok: true as const };
}

/**
 * The iCalendar text of a feed token: the owner's own obligations and duties from 90 days back to
 * 400 days ahead, one all-day event per due date. Unknown or revoked tokens answer 404.
 */
export async function renderFeed(db: Db, token: string, now = new Date()): Promise<string> {
  const user = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await repo.findFeedUser(db, sha256(token)) : null;
  if (!user) throw new AppError('not_found');
  const actor: Actor = {
    userId: user.userId,
    username: user.username,
    displayName: user.displayName,
    personId: user.personId,
    grants: user.grants,
  };
  const today = todayIn(DEFAULT_TIME_ZONE, now);
  const mine = [ownCondition(actor), dutyCondition(actor)].filter((c): c is SQL => !!c);
  const where = and(
    mine.length > 0 ? or(...mine) : sql`false`,
    activeReserve,
    sql`${obligations.dueDate} BETWEEN ${addDays(today, -FEED_WINDOW.pastDays)}::date AND ${addDays(today, FEED_WINDOW.futureDays)}::date`,
  );
  const events = [];
  for await (const rows of iterateItems(db, where, { max: FEED_MAX_EVENTS })) {
    for (const item of await presentItems({ db, actor }, rows)) {
      const forOther = item.personId !== actor.personId;
      events.push({
        uid: `${item.id}@houbei`,
        date: item.dueDate,
        summary: `${item.ruleTitle} ${item.periodKey}${forOther ? ` · ${item.personName}` : ''}`,
        description: [
          `状态：${OBLIGATION_STATUS_LABELS[item.status].zh}`,
          `截止日期：${item.dueDate}`,
          `后备人员：${item.personName}（${item.unitName}）`,
          `培养方案：${item.programmeName}`,
        ].join('\n'),
      });
    }
  }
  return writeCalendar({ name: `后备干部培养任务 - ${actor.displayName}`, events, now });
}
