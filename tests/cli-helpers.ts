/** Runs the real CLI in-process through main(argv, io), capturing what it writes. */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Io } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';

export interface Run {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** `io` replaces parts of the captured streams (e.g. stderrIsTTY, env). */
export async function run(argv: string[], stdin = '', signal?: AbortSignal, io: Partial<Io> = {}): Promise<Run> {
  const out: Buffer[] = [];
  let err = '';
  const captured: Io = {
    stdout: (chunk) => {
      out.push(Buffer.from(chunk));
    },
    stderr: (text) => {
      err += text;
    },
    readStdin: async () => stdin,
    stderrIsTTY: false,
    env: {},
    signal,
    ...io,
  };
  const code = await main(argv, captured);
  return { code, stdout: Buffer.concat(out), stderr: err };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'mlgif-test-'));
}

/** A small, quick scenario (a few frames, a coarse grid) as YAML text; sections may be replaced. */
export function smallScenario(sections: Record<string, string> = {}): string {
  const all: Record<string, string> = {
    seed: '3',
    data: '{ source: gaussians, n: 60, test: 100 }',
    model: '{ type: logistic, epochs: 20 }',
    animate: '{ by: samples, frames: 4 }',
    render: '{ width: 200, height: 200, grid: 40 }',
    ...sections,
  };
  return Object.entries(all)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n');
}

export function writeScenario(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export function files(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** bin/mlgif, for tests that run the CLI as a child process (it runs the compiled dist/). */
export const BIN = fileURLToPath(new URL('../bin/mlgif', import.meta.url));

/** An even smaller scenario (160 px, 3 frames, a 20-point grid) for tests that render many times. */
export const tiny = (sections: Record<string, string> = {}) =>
  smallScenario({
    data: '{ source: gaussians, n: 40, test: 40 }',
    animate: '{ by: samples, frames: 3 }',
    render: '{ width: 160, height: 160, grid: 20 }',
    ...sections,
  });
