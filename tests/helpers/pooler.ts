import net from 'node:net';

/**
 * What a pooler does with the `options` startup parameter: PgBouncer refuses it, or drops it when
 * `ignore_startup_parameters` lists it.
 */
export type OptionsHandling = 'refuse' | 'drop';

export interface FakePooler {
  /** `url` with its host and port replaced by the pooler's. */
  readonly url: string;
  close(): Promise<void>;
}

const sslRequestCode = 80877103;

/**
 * A TCP proxy in front of the PostgreSQL server of `url` that handles the startup message's `options`
 * parameter as a pooler does (`handling`) and passes everything else through: the client's side of
 * what happens behind PgBouncer, without PgBouncer. It answers "no" to SSL and knows no other request
 * (GSS encryption, cancelling a query), which node-postgres does not send unasked.
 */
export async function startFakePooler(url: string, handling: OptionsHandling): Promise<FakePooler> {
  const target = new URL(url);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 8) return;
      const length = buffered.readInt32BE(0);
      if (buffered.length < length) return;
      const message = buffered.subarray(0, length);
      buffered = buffered.subarray(length);
      if (message.readInt32BE(4) === sslRequestCode) {
        client.write('N');
        return;
      }
      client.off('data', onData);
      const parameters = parametersOf(message);
      if (parameters.has('options') && handling === 'refuse') {
        client.end(errorResponse('08P01', 'unsupported startup parameter: options'));
        return;
      }
      parameters.delete('options');
      const server = net.connect(Number(target.port || 5432), target.hostname);
      sockets.add(server);
      server.on('close', () => sockets.delete(server));
      server.on('error', () => client.destroy());
      client.on('close', () => server.destroy());
      server.write(Buffer.concat([startupMessage(parameters), buffered]));
      client.pipe(server);
      server.pipe(client);
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(port);
  return {
    url: proxied.toString(),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The name-value pairs of a startup message (length, protocol version, then pairs, then a zero). */
function parametersOf(message: Buffer): Map<string, string> {
  const fields = message.subarray(8).toString('utf8').split('\0');
  const parameters = new Map<string, string>();
  for (let index = 0; index + 1 < fields.length && fields[index] !== ''; index += 2)
    parameters.set(fields[index] as string, fields[index + 1] as string);
  return parameters;
}

function startupMessage(parameters: Map<string, string>): Buffer {
  const body = Buffer.from(`${[...parameters].map(([name, value]) => `${name}\0${value}\0`).join('')}\0`);
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + body.length, 0);
  header.writeInt32BE(196608, 4);
  return Buffer.concat([header, body]);
}

function errorResponse(code: string, message: string): Buffer {
  const body = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`);
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}
