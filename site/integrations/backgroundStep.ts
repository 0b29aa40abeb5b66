// A step of the site build that needs only the pipeline's output, not the pages: a child process
// started when the build starts, writing into a staging folder beside the build cache while Astro
// renders, and merged into the built site when every page is written (the build waits for it then,
// and fails with its message if it failed). The search index and the published files are such steps.
import type { AstroIntegration } from 'astro';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRunning } from '../../pipeline/processes.ts';
import { linkTree } from '../lib/linkTree.ts';

export interface BackgroundStep {
  name: string;
  child: ChildProcess;
  staging: string;
  done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
  stop: () => void;
}

/** Staging folders of builds that are no longer running. */
async function dropStaleStaging(folder: string): Promise<void> {
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const match = /^\.staging-(\d+)$/.exec(name);
    if (match && !isRunning(Number(match[1]))) await rm(join(folder, name), { recursive: true, force: true });
  }
}

/**
 * Starts `cli` (a TypeScript file) in a child process with `--out <staging>` and `args`, from the
 * project's root; its staging folder is `<cacheDir>/<name>/.staging-<pid>`.
 */
export async function startStep(options: {
  name: string;
  root: string;
  cacheDir: string;
  cli: string;
  args?: string[];
}): Promise<BackgroundStep> {
  const folder = join(options.cacheDir, options.name);
  await mkdir(folder, { recursive: true });
  await dropStaleStaging(folder);
  const staging = join(folder, `.staging-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', options.cli, '--out', staging, ...(options.args ?? [])],
    { cwd: options.root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<Awaited<BackgroundStep['done']>>((resolve) => {
    child.on('error', (error) => resolve({ code: null, signal: null, stdout, stderr: error.message }));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  const stop = () => child.kill();
  // A build that stops before it is done takes the step with it.
  process.once('exit', stop);
  return { name: options.name, child, staging, done, stop };
}

/**
 * Waits for the step, then links what it wrote into the built site (`outDir`), beside what the
 * pages put there; its output lines go to the build's log. The staging folder goes either way.
 */
export async function finishStep(
  step: BackgroundStep,
  outDir: string,
  logger: { info(message: string): void },
): Promise<void> {
  try {
    const result = await step.done;
    if (result.code !== 0) {
      const reason = result.stderr.trim() || `exit ${result.code ?? result.signal}`;
      throw new Error(`the ${step.name} step failed: ${reason}`);
    }
    for (const line of result.stdout.split('\n')) if (line.trim() !== '') logger.info(line);
    await linkTree(step.staging, outDir);
  } finally {
    process.off('exit', step.stop);
    await rm(step.staging, { recursive: true, force: true });
  }
}

/**
 * An Astro integration that runs `cli` (relative to the site's sources) as a background step of
 * every build: started at `astro:build:start`, merged into the site at `astro:build:done`.
 */
export function backgroundIntegration(options: {
  integration: string;
  step: string;
  cli: string;
  args?: (cacheDir: string) => string[];
}): AstroIntegration {
  let root = '';
  let cli = '';
  let cacheDir = '';
  let step: BackgroundStep | undefined;
  return {
    name: options.integration,
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        cli = fileURLToPath(new URL(options.cli, config.srcDir));
        cacheDir = fileURLToPath(config.cacheDir);
      },
      'astro:build:start': async () => {
        step = await startStep({
          name: options.step,
          root,
          cacheDir,
          cli,
          args: options.args?.(cacheDir) ?? [],
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!step) throw new Error(`the ${options.step} step was not started with the build`);
        try {
          await finishStep(step, fileURLToPath(dir), logger);
        } finally {
          step = undefined;
        }
      },
    },
  };
}
