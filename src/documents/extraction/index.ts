import { Worker } from 'node:worker_threads';
import {
  defaultLimits,
  type ExtractableKind,
  type ExtractionLimits,
  type ExtractionResult,
  type WorkerInput,
} from './types.ts';

export type { ExtractableKind, ExtractionFailure, ExtractionLimits, ExtractionResult } from './types.ts';
export { defaultLimits, isExtractable } from './types.ts';

/**
 * The text of an uploaded file, for search (ADR 0022). Parsing runs in a worker thread with its own heap
 * limit and a wall-clock limit, so a crafted or merely huge file costs at most those and cannot stall or
 * crash the server. A file that gives no text is a result with a reason, never an exception.
 */
export function extractText(
  filePath: string,
  kind: ExtractableKind,
  limits: Partial<ExtractionLimits> = {},
): Promise<ExtractionResult> {
  const effective: ExtractionLimits = { ...defaultLimits, ...limits };
  // A .ts worker: under tsx it inherits tsx's loader through execArgv; under vitest, Node 24 strips the types.
  const worker = new Worker(new URL('./worker.ts', import.meta.url), {
    workerData: { filePath, kind, limits: effective } satisfies WorkerInput,
    resourceLimits: {
      maxOldGenerationSizeMb: effective.memoryMb,
      maxYoungGenerationSizeMb: Math.max(4, Math.round(effective.memoryMb / 8)),
      stackSizeMb: 4,
    },
  });
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: ExtractionResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => settle({ ok: false, reason: 'timeout' }), effective.timeMs);
    worker.on('message', (result: ExtractionResult) => settle(result));
    worker.on('error', (error: NodeJS.ErrnoException) =>
      settle({ ok: false, reason: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out_of_memory' : 'corrupt' }),
    );
    // A worker that ends without an answer (a crash in native code, process.exit in a library).
    worker.on('exit', () => settle({ ok: false, reason: 'corrupt' }));
  });
}
