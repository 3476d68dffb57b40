import { create as contentDisposition } from 'content-disposition';
import type { Context } from 'hono';
import type { AppEnv } from '../web/context.ts';

/** Sends an iCalendar document: never cached by shared caches, since feeds and events follow access. */
export function respondWithCalendar(c: Context<AppEnv>, body: string, fileName: string) {
  return c.body(body, 200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': contentDisposition(fileName, { type: 'inline' }),
    'Cache-Control': 'private, no-cache',
  });
}
