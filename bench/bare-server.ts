import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/**
 * The yardstick: plain `node:http` answering each path with the bytes the platform sent for it, so the
 * ratio measures only what the platform adds. Started as its own process, like the platform.
 */
const pages = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as Record<
  string,
  { contentType: string; body: string }
>;
const bodies = new Map(
  Object.entries(pages).map(([path, page]) => [
    path,
    { type: page.contentType, bytes: Buffer.from(page.body, 'base64') },
  ]),
);

const server = createServer((req, res) => {
  const page = bodies.get(req.url ?? '/');
  if (!page) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': page.type, 'Content-Length': page.bytes.length });
  res.end(page.bytes);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.stdout.write(`listening ${address.port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
