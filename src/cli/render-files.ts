/**
 * Rendering the files of `mlgif render` (render.ts has its flags): validates every file first
 * (each failure reported, the others still render), then renders on the main thread or, with
 * several files, in worker threads. stdout carries only data (GIF bytes with -o -, JSON lines
 * with --json, in file order); the exit status is the worst over the files.
 */
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { defaultOutput, planOf } from '../api.js';
import { Interrupted, UserError } from '../errors.js';
import { isFrameFile } from '../output/write-movie.js';
import { withFormat } from '../plan/output-format.js';
import { checkNotInput, sameFile } from '../plan/outputs.js';
import { shown } from '../quote.js';
import { loadScenario } from '../scenario/load.js';
import { failure, signalStatus, worse } from './exit-status.js';
import type { Io } from './io.js';
import { Progress } from './progress.js';
import type { RenderFlags } from './render-flags.js';
import { shardFiles } from './shard.js';
import { aboutFile, shownFile, useColour } from './shared.js';
import { type RenderLine, type RenderTask, runTask } from './task.js';
import { renderInWorkers } from './workers.js';

function checkFlags(files: readonly string[], flags: RenderFlags): void {
  const paths = [
    ['-o', flags.output],
    ['--out-dir', flags.outDir],
    ['--poster', flags.poster],
    ['--frames-dir', flags.framesDir],
  ] as const;
  for (const [flag, value] of paths) {
    if (value === '') throw new UserError('is empty; expected a path', flag);
  }
  if (flags.output && flags.outDir) throw new UserError('give -o or --out-dir, not both', '-o');
  if (flags.output && files.length > 1) {
    throw new UserError(`-o names one output, but ${files.length} scenario files were given; use --out-dir`, '-o');
  }
  if (flags.poster && files.length > 1) {
    throw new UserError(`--poster names one PNG, but ${files.length} scenario files were given`, '--poster');
  }
  if (flags.poster === '-' && flags.json) {
    throw new UserError('--json and a poster on stdout cannot share stdout; give the poster a file name', '--poster');
  }
  const posterExt = flags.poster && flags.poster !== '-' ? extname(flags.poster) : '';
  if (posterExt !== '' && posterExt.toLowerCase() !== '.png') {
    throw new UserError(
      `the poster is a PNG, but ${shown(flags.poster ?? '')} ends in ${shown(posterExt)}`,
      '--poster',
    );
  }
  if (files.filter((f) => f === '-').length > 1) throw new UserError('stdin ("-") can be read only once', 'FILE');
}

/** The poster is neither the output nor a file the render reads, and shares stdout with nothing. */
function checkPoster(poster: string, output: string, inputs: readonly string[]): void {
  if (poster === '-') {
    if (output === '-')
      throw new UserError('the animation already goes to stdout; give the poster a file name', '--poster');
    return;
  }
  if (output !== '-' && sameFile(poster, output)) {
    throw new UserError(`the poster and the GIF are both ${shown(output)}; give them different names`, '--poster');
  }
  checkNotInput(poster, inputs, '--poster');
}

/**
 * The frames folder is new, empty, or holds only frames of an earlier run (which the render
 * replaces: it swaps in a whole new folder), and does not hold the GIF.
 */
function checkFramesDir(dir: string, output: string): void {
  if (output !== '-' && resolve(output).startsWith(resolve(dir) + sep)) {
    throw new UserError(
      `the GIF ${shown(output)} would be inside the frames folder; give another folder`,
      '--frames-dir',
    );
  }
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw new UserError(`${shown(dir)} is not a folder`, '--frames-dir');
    throw error;
  }
  const other = entries.find((name) => !isFrameFile(name));
  if (other !== undefined) {
    throw new UserError(
      `${shown(dir)} holds other files than frames (${shown(other)}); give a new or empty folder`,
      '--frames-dir',
    );
  }
}

/**
 * The deepest directory holding every scenario file of the command (all of them, not just this
 * shard's, so every machine of a sharded run agrees). Outputs under --out-dir keep the files'
 * folders below it, so configs/a.yaml and configs/sub/a.yaml do not collide.
 */
export function commonDir(files: readonly string[]): string {
  const dirs = files.filter((f) => f !== '-').map((f) => dirname(resolve(f)).split(sep));
  if (dirs.length === 0) return resolve('.');
  let depth = dirs[0].length;
  for (const d of dirs) {
    let i = 0;
    while (i < depth && i < d.length && d[i] === dirs[0][i]) i++;
    depth = i;
  }
  return dirs[0].slice(0, depth).join(sep) || sep;
}

/** Plans each file into a task (every check a render makes); a file that fails is reported and left out. */
function planTasks(
  files: readonly string[],
  all: readonly string[],
  flags: RenderFlags,
  stdinText: string | undefined,
  fail: (id: number, file: string, error: unknown) => void,
) {
  const base = commonDir(all);
  const below = (file: string, dir: string, name: string) =>
    join(dir, file === '-' ? '' : relative(base, dirname(resolve(file))), name);
  const tasks: RenderTask[] = [];
  const outputs = new Map<string, string>();
  files.forEach((file, id) => {
    try {
      const loaded = loadScenario(file, flags.set ?? [], stdinText, flags.maxPixels);
      const output = flags.output
        ? flags.output
        : flags.outDir
          ? below(file, flags.outDir, withFormat(loaded.name, flags.format))
          : defaultOutput(loaded, flags.format);
      if (output === '-' && flags.json) throw new UserError('--json and an output on stdout cannot share stdout', file);
      if (output === '-' && files.length > 1) throw new UserError('only one file can write to stdout', file);
      const key = output === '-' ? '-' : resolve(output);
      const other = outputs.get(key);
      if (other !== undefined) throw new UserError(`writes ${output}, as ${other} does; use --out-dir or output`, file);
      const { inputs } = planOf(loaded, output, flags.maxWork, flags.format);
      outputs.set(key, file);
      const framesDir = flags.framesDir && all.length > 1 ? below(file, flags.framesDir, loaded.name) : flags.framesDir;
      if (flags.poster) checkPoster(flags.poster, output, inputs);
      if (framesDir) checkFramesDir(framesDir, output);
      tasks.push({
        id,
        file,
        scenario: loaded.scenario,
        baseDir: loaded.baseDir,
        output,
        format: flags.format,
        poster: flags.poster,
        framesDir,
        maxWork: flags.maxWork,
      });
    } catch (error) {
      fail(id, file, error);
    }
  });
  return tasks;
}

/** What --json prints for a file: its render, or why it failed and the exit status that gives. */
type JsonLine = RenderLine | { file: string; error: string; exit: number };

/** Everything written to stderr (through the progress line) and the worst exit status so far. */
class Reporter {
  worst = 0;
  constructor(
    private readonly io: Io,
    private readonly flags: RenderFlags,
    readonly progress: Progress | null,
  ) {}

  log(text: string): void {
    if (this.progress) this.progress.log(text);
    else this.io.stderr(text);
  }

  failed(file: string, lines: readonly string[], code: number): void {
    for (const line of lines) this.log(`mlgif: ${aboutFile(file, line)}\n`);
    this.worst = worse(this.worst, code);
  }

  /** Warnings already given, per file: a sweep's frames each train a model that may say the same. */
  private readonly warned = new Set<string>();

  warn(file: string, message: string): void {
    const key = `${file}\n${message}`;
    if (this.flags.quiet || this.warned.has(key)) return;
    this.warned.add(key);
    this.log(`mlgif: ${aboutFile(file, `warning: ${message}`)}\n`);
  }

  success(line: RenderLine): void {
    if (this.flags.quiet || this.flags.json || line.output === '-') return;
    const kb = (line.bytes / 1024).toFixed(0);
    this.log(
      `${shownFile(line.file)} → ${line.output} (${line.frames} frames, ${kb} KB, ${line.seconds.toFixed(2)} s)\n`,
    );
  }
}

/**
 * Renders `files` (this shard's); with `only`, just those of them (--watch: the ones that
 * changed), placed under --out-dir as when all are rendered.
 */
export async function renderFiles(
  files: string[],
  flags: RenderFlags,
  io: Io,
  only?: ReadonlySet<string>,
): Promise<number> {
  checkFlags(files, flags);
  const shard = flags.shard ? shardFiles(files, flags.shard) : files;
  const selected = only ? shard.filter((f) => only.has(f)) : shard;
  const progress = io.stderrIsTTY && !flags.quiet ? new Progress((t) => io.stderr(t), { colour: useColour(io) }) : null;
  const report = new Reporter(io, flags, progress);
  if (selected.length === 0) {
    if (!flags.quiet) io.stderr(`mlgif: shard ${flags.shard?.index}/${flags.shard?.total} has no files\n`);
    return 0;
  }
  const stdinText = selected.includes('-') ? await io.readStdin() : undefined;

  // JSON lines in file order, whatever order the workers finish in; a file that failed gets one
  // too, so that a CI job parsing them sees every file.
  const lines = new Map<number, JsonLine>();
  let next = 0;
  const settle = (id: number, line: JsonLine) => {
    lines.set(id, line);
    for (; next < selected.length && lines.has(next); next++) {
      if (flags.json) io.stdout(`${JSON.stringify(lines.get(next))}\n`);
    }
  };
  const failedLine = (file: string, messages: readonly string[], code: number): JsonLine => ({
    file,
    error: messages.join('\n'),
    exit: code,
  });
  const tasks = planTasks(selected, files, flags, stdinText, (id, file, error) => {
    const { lines: messages, code } = failure(error, Boolean(flags.debug));
    report.failed(file, messages, code);
    settle(id, failedLine(file, messages, code));
  });

  const planned = new Map<number, number>();
  for (const task of tasks) {
    planned.set(task.id, task.scenario.animate.frames);
    progress?.plan(task.scenario.animate.frames);
  }
  const drawn = new Map<number, number>();
  const onFrame = (task: RenderTask, frame: number, frames: number) => {
    if (frame === 0 && frames !== planned.get(task.id)) {
      progress?.plan(frames - (planned.get(task.id) ?? 0));
      planned.set(task.id, frames);
    }
    drawn.set(task.id, frame + 1);
    progress?.frame(shownFile(task.file));
  };
  const done = (task: RenderTask, line: RenderLine) => {
    report.success(line);
    settle(task.id, line);
  };
  const failed = (task: RenderTask, lines: readonly string[], code: number) => {
    // Its frames will not come: the total and the time left shrink accordingly.
    progress?.plan((drawn.get(task.id) ?? 0) - (planned.get(task.id) ?? 0));
    report.failed(task.file, lines, code);
    settle(task.id, failedLine(task.file, lines, code));
  };

  const jobs = Math.min(flags.jobs ?? availableParallelism(), tasks.length);
  try {
    if (jobs <= 1) {
      for (const task of tasks) {
        if (io.signal?.aborted) break;
        try {
          const line = await runTask(task, {
            signal: io.signal,
            stdout: (chunk) => io.stdout(chunk),
            onFrame: (frame, frames) => onFrame(task, frame, frames),
            warn: (message) => report.warn(task.file, message),
          });
          done(task, line);
        } catch (error) {
          const { lines, code } = failure(error, Boolean(flags.debug));
          failed(task, lines, code);
          if (error instanceof Interrupted) break;
        }
      }
    } else {
      await renderInWorkers(tasks, jobs, {
        signal: io.signal,
        debug: Boolean(flags.debug),
        onFrame,
        warn: (task, message) => report.warn(task.file, message),
        done,
        failed,
      });
    }
  } finally {
    progress?.clear();
  }
  if (io.signal?.aborted) {
    return worse(report.worst, signalStatus(io.signal.reason));
  }
  return report.worst;
}
