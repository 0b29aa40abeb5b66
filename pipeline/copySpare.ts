// copySpare.ts <out>: makes a spare of a built output for the next build to start from
// (outputFolder.ts runs it in a process of its own after a first build).
import { copySpare } from './outputFolder.ts';

await copySpare(process.argv[2] ?? '.');
