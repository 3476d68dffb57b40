import { parentPort, workerData } from 'node:worker_threads';
import { extract } from './extract.ts';
import { ExtractionError, type ExtractionResult, type WorkerInput } from './types.ts';

// Started by `extractText` (index.ts). This file and everything it imports must stay plain enough for
// Node's own type stripping (no enums, no parameter properties): that is how it loads under vitest.
const { filePath, kind, limits } = workerData as WorkerInput;
let result: ExtractionResult;
try {
  result = { ok: true, ...(await extract(filePath, kind, limits)) };
} catch (error) {
  result = { ok: false, reason: error instanceof ExtractionError ? error.reason : 'corrupt' };
}
parentPort?.postMessage(result);
