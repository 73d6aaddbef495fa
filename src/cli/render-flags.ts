/** The flags of `mlgif render`, as parsed (render.ts declares them). */
import type { ScenarioFlags } from './flags.js';
import type { Shard } from './shard.js';

export interface RenderFlags extends ScenarioFlags {
  output?: string;
  outDir?: string;
  json?: boolean;
  poster?: string;
  framesDir?: string;
  jobs?: number;
  shard?: Shard;
  watch?: boolean;
}
