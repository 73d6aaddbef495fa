/** The flags of `mlgif render`, as parsed (render.ts declares them). */
import type { OutputFormat } from '../plan/output-format.js';
import type { ScenarioFlags } from './flags.js';
import type { Shard } from './shard.js';

export interface RenderFlags extends ScenarioFlags {
  output?: string;
  format?: OutputFormat;
  outDir?: string;
  json?: boolean;
  poster?: string;
  framesDir?: string;
  jobs?: number;
  shard?: Shard;
  watch?: boolean;
}
