import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { closeGracefully, listen } from './http-server.ts';

describe('graceful shutdown', () => {
  it('finishes requests in flight, then refuses new connections', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const app = new Hono().get('/slow', async (c) => {
      entered();
      await gate;
      return c.text('finished');
    });
    const { server, port } = await listen(app, 0, '127.0.0.1');
    const inFlight = fetch(`http://127.0.0.1:${port}/slow`);
    await inHandler;

    const closing = closeGracefully(server, 5000);
    await expect(fetch(`http://127.0.0.1:${port}/slow`)).rejects.toThrow();
    release();

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('finished');
    expect(await closing).toBe('drained');
  });

  it('cuts a request that outlives the time limit', async () => {
    const app = new Hono().get('/stuck', () => new Promise<Response>(() => {}));
    const { server, port } = await listen(app, 0, '127.0.0.1');
    const stuck = fetch(`http://127.0.0.1:${port}/stuck`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await closeGracefully(server, 200)).toBe('forced');
    expect(await stuck).toBeInstanceOf(Error);
  });
});
