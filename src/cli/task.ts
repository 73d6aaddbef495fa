/**
 * One render job of `mlgif render`, as plain data so it can be posted to a worker thread: the
 * validated scenario and where its outputs go. The same function runs it on the main thread and
 * in a worker (through the library's plan and render), so --jobs N writes the same bytes as
 * --jobs 1.
 */
import { type RenderResult, renderPlan } from '../api.js';
import type { OutputFormat } from '../plan/output-format.js';
import { planRender } from '../plan/plan-render.js';
import type { Scenario } from '../scenario/schema.js';
import type { Timings } from '../timings.js';

export interface RenderTask {
  /** Index in the command's file list (results are reported in this order). */
  id: number;
  file: string;
  scenario: Scenario;
  baseDir: string;
  output: string;
  /** --format, for an output whose name does not say it. */
  format?: OutputFormat;
  poster?: string;
  framesDir?: string;
  /** The work budget the plan was checked against (the plan is made again where the task runs). */
  maxWork?: number;
}

/** What `--json` prints per file: the render's result, its timings (ms) rounded to 0.1. */
export type RenderLine = RenderResult & { file: string };

export interface TaskHooks {
  signal?: AbortSignal;
  stdout?: (chunk: Uint8Array) => void;
  onFrame?: (frame: number, frames: number) => void;
  warn?: (message: string) => void;
}

export async function runTask(task: RenderTask, hooks: TaskHooks): Promise<RenderLine> {
  const scenarioFile = task.file === '-' ? undefined : task.file;
  const plan = planRender(task.scenario, task.baseDir, {
    output: task.output,
    scenarioFile,
    maxWork: task.maxWork,
    format: task.format,
  });
  const result = await renderPlan(plan, { poster: task.poster, framesDir: task.framesDir, ...hooks });
  const timings = { ...result.timings };
  for (const part of Object.keys(timings) as (keyof Timings)[]) timings[part] = Math.round(timings[part] * 10) / 10;
  return { file: task.file, ...result, timings };
}
