import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { installAuthentication } from './modules/auth/auth.plugin.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { coursesRoutes } from './modules/courses/courses.routes.js';
import { learningRoutes } from './modules/courses/learning.routes.js';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.js';
import { leadershipRoutes } from './modules/leadership/leadership.routes.js';
import { assessmentsRoutes } from './modules/mentors/assessments.routes.js';
import { mentorsRoutes } from './modules/mentors/mentors.routes.js';
import { rewardsRoutes } from './modules/mentors/rewards.routes.js';
import { calendarFeedRoutes } from './modules/obligations/calendar-feed.routes.js';
import { obligationsRoutes } from './modules/obligations/obligations.routes.js';
import { peopleRoutes } from './modules/people/people.routes.js';
import { peopleImportRoutes } from './modules/people/people-import.routes.js';
import { programmesRoutes } from './modules/programmes/programmes.routes.js';
import { reflectionsRoutes } from './modules/reflections/reflections.routes.js';
import { reservesRoutes } from './modules/reserves/reserves.routes.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { talksRoutes } from './modules/talks/talks.routes.js';
import { trainingRoutes } from './modules/training/training.routes.js';
import { unitsRoutes } from './modules/units/units.routes.js';
import { unitsImportRoutes } from './modules/units/units-import.routes.js';
import { usersRoutes } from './modules/users/users.routes.js';
import type { AppDeps } from './platform/app-deps.js';
import type { Config } from './platform/config.js';
import { createFieldCipher } from './platform/crypto.js';
import type { Database } from './platform/db.js';
import { installErrorHandling } from './platform/error-handler.js';
import type { RouteAccess, RouteResource } from './platform/request-context.js';

/** A registered API route, as the access-control test enumerates them. */
export type RouteEntry = {
  method: string;
  url: string;
  access?: RouteAccess;
  resource?: RouteResource;
  hasBody: boolean;
};

declare module 'fastify' {
  interface FastifyInstance {
    routeCatalogue: RouteEntry[];
  }
}

/** Largest upload accepted anywhere (Excel imports, photos). */
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

/** Builds the HTTP application: platform plugins first, then every module in order. */
export async function buildApp(options: {
  config: Config;
  database: Database;
  secret: string;
  logger?: boolean;
}): Promise<FastifyInstance> {
  const { config, database } = options;
  const deps: AppDeps = {
    config,
    database,
    db: database.db,
    cipher: createFieldCipher(options.secret),
    sessionLimits: { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours },
  };
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Many instances run behind a proxy; request ids help follow one request through the logs.
    requestIdHeader: 'x-request-id',
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 12 } });
  installAuthentication(app, { db: deps.db, limits: deps.sessionLimits });
  const catalogue: RouteEntry[] = [];
  app.decorate('routeCatalogue', catalogue);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || !route.url.startsWith('/api/')) continue;
      catalogue.push({
        method,
        url: route.url,
        access: route.config?.access,
        resource: route.config?.resource,
        hasBody: !!route.schema?.body,
      });
    }
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  await app.register(async (api) => {
    await authRoutes(api, deps);
    await unitsRoutes(api, deps);
    await unitsImportRoutes(api, deps);
    await peopleRoutes(api, deps);
    await peopleImportRoutes(api, deps);
    await usersRoutes(api, deps);
    await auditRoutes(api, deps);
    await systemRoutes(api, deps);
    await programmesRoutes(api, deps);
    await reservesRoutes(api, deps);
    await obligationsRoutes(api, deps);
    await calendarFeedRoutes(api, deps);
    await dashboardRoutes(api, deps);
    await reflectionsRoutes(api, deps);
    await leadershipRoutes(api, deps);
    await talksRoutes(api, deps);
    await mentorsRoutes(api, deps);
    await assessmentsRoutes(api, deps);
    await rewardsRoutes(api, deps);
    await coursesRoutes(api, deps);
    await learningRoutes(api, deps);
    await trainingRoutes(api, deps);
  });

  await serveWebApp(app, config);
  return app;
}

/** Serves the built single-page app, answering its client-side routes with index.html. */
async function serveWebApp(app: FastifyInstance, config: Config): Promise<void> {
  const root = path.resolve(config.webDir);
  if (!existsSync(path.join(root, 'index.html'))) return;
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: ['index.html'],
    // The build writes .br/.gz beside each asset (vite.config.ts); send those when accepted.
    preCompressed: true,
    cacheControl: false,
    // Hashed file names change with their content: the browser may keep them for good.
    setHeaders: (res, filePath) => {
      if (filePath.includes(`${path.sep}assets${path.sep}`))
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      else res.setHeader('Cache-Control', 'no-cache');
    },
  });
  app.get('/*', { config: { access: 'public' } }, (request, reply) => {
    if (request.url.startsWith('/api/')) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
}
