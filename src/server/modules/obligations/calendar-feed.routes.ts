import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Ok } from '../../../contracts/common.js';
import { CalendarFeedCreated, CalendarFeedState, FeedParams } from '../../../contracts/obligations.js';
import type { AppDeps } from '../../platform/app-deps.js';
import { contextOf } from '../../platform/request-context.js';
import { createFeed, getFeedState, renderFeed, revokeFeed } from './calendar-feed.service.js';

/**
 * The personal iCalendar feed: create (the secret URL is shown once), revoke, and the feed itself,
 * served outside /api/ because calendar apps fetch it without a session — the token is the credential.
 */
export async function calendarFeedRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const mine = { access: 'authenticated' as const };
  r.get('/api/my/calendar-feed', { schema: { response: { 200: CalendarFeedState } }, config: mine }, (req) =>
    getFeedState(contextOf(req, deps)),
  );
  r.post(
    '/api/my/calendar-feed',
    { schema: { response: { 200: CalendarFeedCreated } }, config: mine },
    (req) => createFeed(contextOf(req, deps)),
  );
  r.delete('/api/my/calendar-feed', { schema: { response: { 200: Ok } }, config: mine }, (req) =>
    revokeFeed(contextOf(req, deps)),
  );
  r.get(
    '/ical/:token.ics',
    {
      schema: { params: FeedParams },
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const body = await renderFeed(deps.db, req.params.token);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-disposition', 'inline; filename="houbei.ics"')
        .send(body);
    },
  );
}
