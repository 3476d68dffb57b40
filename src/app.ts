import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { apiKeyRoutes } from './accounts/api-key-routes.tsx';
import { identifyViewer } from './accounts/middleware.ts';
import { accountRoutes } from './accounts/routes.tsx';
import { allowSsoFormTargets, formTargetsOf } from './accounts/sso.ts';
import { ssoRoutes } from './accounts/sso-routes.tsx';
import { directoryApi } from './api/directory.ts';
import { apiRoutes } from './api/routes.ts';
import { auditRoutes } from './audit/routes.tsx';
import { bodyHomeRoutes } from './bodies/body-routes.tsx';
import { bodiesRoutes } from './bodies/routes.tsx';
import { countryRoutes } from './countries/routes.tsx';
import { ctedRoutes } from './cted/routes.tsx';
import { entityRoutes } from './directory/entity-routes.tsx';
import { directoryRoutes } from './directory/routes.tsx';
import { documentRoutes } from './documents/routes.tsx';
import { documentTypeRoutes } from './documents/type-routes.tsx';
import { homeRoutes } from './home/routes.tsx';
import { invitationRoutes } from './invitations/routes.tsx';
import { meetingRoutes } from './meetings/routes.tsx';
import { operationsRoutes } from './observability/routes.ts';
import { peopleRoutes } from './people/routes.tsx';
import { mountAssets } from './web/assets.ts';
import type { AppDeps, AppEnv } from './web/context.ts';
import { notFoundPage, serverErrorPage } from './web/errors.tsx';
import { detectLocale, languageRoutes } from './web/language.ts';
import { priorityRoutes } from './workplans/priority-routes.tsx';
import { workPlanRoutes } from './workplans/routes.tsx';

/**
 * The composition root: one Hono app serving pages and operations endpoints, built from its
 * dependencies so tests can build as many as they need (ADR 0002). Every request passes, in order:
 * request id -> log and metrics -> security headers -> CSRF check -> language -> module routes.
 */
export async function createApp(deps: AppDeps): Promise<Hono<AppEnv>> {
  const app = new Hono<AppEnv>();
  const baseOrigin = new URL(deps.env.BASE_URL).origin;

  app.use(requestId({ limitLength: 64 }));
  app.use(async (c, next) => {
    const started = performance.now();
    const log = deps.log.child({ reqId: c.get('requestId') });
    c.set('log', log);
    await next();
    const seconds = (performance.now() - started) / 1000;
    deps.metrics.requestDuration.observe(
      { method: c.req.method, route: c.req.routePath, status: String(c.res.status) },
      seconds,
    );
    log.info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(seconds * 1000) },
      'request',
    );
  });
  app.use(allowSsoFormTargets(deps.database.db));
  // A file from the document library carries its own stricter policy (a sandbox): the pages' policy,
  // which the next middleware sets on every response, must not replace it.
  app.use(async (c, next) => {
    await next();
    const filePolicy = c.get('filePolicy');
    if (filePolicy) c.res.headers.set('Content-Security-Policy', filePolicy);
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'", formTargetsOf],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'same-origin',
      xFrameOptions: 'DENY',
      strictTransportSecurity: deps.env.BASE_URL.startsWith('https:')
        ? 'max-age=31536000; includeSubDomains'
        : false,
    }),
  );
  app.use(csrf({ origin: (origin, c) => origin === baseOrigin || origin === new URL(c.req.url).origin }));
  // Read your own writes (ADR 0009): a request that changed what pages show drops this instance's cache
  // before the user is sent to see the change.
  app.use(async (c, next) => {
    c.set('dataChanged', false);
    await next();
    if (c.get('dataChanged')) deps.cache.invalidate();
  });
  app.use(detectLocale());
  app.use(identifyViewer(deps));

  await mountAssets(app);
  app.route('/', operationsRoutes(deps));
  app.route('/', languageRoutes(deps.env.BASE_URL.startsWith('https:')));
  app.route('/', accountRoutes(deps));
  app.route('/', ssoRoutes(deps));
  app.route('/', apiRoutes(deps));
  app.route('/', directoryApi(deps));
  app.route('/', auditRoutes(deps));
  app.route('/', apiKeyRoutes(deps));
  app.route('/', invitationRoutes(deps));
  app.route('/', homeRoutes(deps));
  app.route('/', directoryRoutes(deps));
  app.route('/', entityRoutes(deps));
  app.route('/', peopleRoutes(deps));
  app.route('/', bodiesRoutes(deps));
  app.route('/', bodyHomeRoutes(deps));
  app.route('/', documentRoutes(deps));
  app.route('/', documentTypeRoutes(deps));
  app.route('/', meetingRoutes(deps));
  app.route('/', workPlanRoutes(deps));
  app.route('/', priorityRoutes(deps));
  app.route('/', countryRoutes(deps));
  app.route('/', ctedRoutes(deps));

  const isApi = (path: string) => path.startsWith('/api/');
  app.notFound((c) =>
    isApi(c.req.path) ? c.json({ code: 'NOT_FOUND', message: 'No such endpoint.' }, 404) : notFoundPage(c),
  );
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    (c.get('log') ?? deps.log).error({ err: error }, 'unhandled error');
    if (isApi(c.req.path)) {
      return c.json(
        { code: 'INTERNAL_ERROR', message: 'The request failed.', requestId: c.get('requestId') },
        500,
      );
    }
    return serverErrorPage(c);
  });
  return app;
}
