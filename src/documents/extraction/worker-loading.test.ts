import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { docxOf } from '../samples.ts';

// Every other test proves the worker loads under vitest (Node strips its types); this one proves it loads
// the way the server starts, under the tsx command.
it('starts its worker in a process run by tsx, as `npm start` runs the server', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'extraction-tsx-'));
  try {
    const document = join(folder, 'note.docx');
    await writeFile(document, docxOf({ title: 'Started by tsx', paragraphs: ['in a worker'] }));
    const script = join(folder, 'extract.mts');
    const entry = new URL('./index.ts', import.meta.url).href;
    await writeFile(
      script,
      `import { extractText } from ${JSON.stringify(entry)};\n` +
        `console.log(JSON.stringify(await extractText(${JSON.stringify(document)}, 'docx')));\n`,
    );
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    const { stdout } = await promisify(execFile)(process.execPath, [tsx, script], { timeout: 30_000 });
    expect(JSON.parse(stdout)).toEqual({ ok: true, text: 'Started by tsx\nin a worker', truncated: false });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
