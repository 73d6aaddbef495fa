/**
 * `mlgif render FILE...`: its flags and help. The rendering itself (render-files.ts, watch.ts)
 * is loaded only when the command runs, so `mlgif --help` and `--version` never load the scenario
 * reader, the models or the canvas.
 */
import { type Command, Option } from 'commander';
import { OUTPUT_FORMATS } from '../plan/output-format.js';
import { addFlags, positiveInteger } from './flags.js';
import type { RenderFlags } from './render-flags.js';
import { parseShard } from './shard.js';
import type { Context } from './shared.js';

const EXAMPLES = `
Examples:
  $ mlgif render configs/logistic-gaussians.yaml
  $ mlgif render figure.yaml --watch --poster out/figure.png    # again on every save
  $ mlgif render configs/*.yaml --out-dir out/gallery --json
  $ mlgif render configs/*.yaml --shard 2/4 --jobs 2      # the 2nd of 4 CI machines
  $ mlgif render configs/mlp-epochs.yaml -o out/mlp.mp4         # H.264 video, a fraction of the GIF
  $ mlgif render scenario.yaml -o - --set model.k=15 > knn.gif
  $ cat scenario.json | mlgif render - -o out/piped.gif --poster out/piped.png`;

export function registerRender(cli: Command, { io, exitCode }: Context): void {
  const command = cli
    .command('render')
    .description('render scenario files (YAML or JSON; "-" reads stdin) to animated GIFs, MP4 videos or PNG stills')
    .argument('<file...>', 'scenario files')
    .option(
      '-o, --output <path>',
      "output: .gif, .mp4 (H.264) or .png (the last frame) ('-' = stdout); default: the scenario's output, or out/<name>.gif",
    )
    .addOption(
      new Option('--format <format>', "the output's format where its name does not say it (-o -, --out-dir)").choices(
        OUTPUT_FORMATS,
      ),
    )
    .option('--out-dir <dir>', "write each file as <dir>/<name>.gif (keeping the files' subfolders)")
    .option('--poster <png>', "also write the last frame as PNG, in full colour (one file only; '-' = stdout)")
    .option('--frames-dir <dir>', 'also write every frame as PNG (several files: <dir>/<name>/)')
    .addOption(
      new Option(
        '-j, --jobs <n>',
        'files rendered at once, in worker threads (default: the number of cores)',
      ).argParser(positiveInteger),
    )
    .addOption(
      new Option('--shard <i/n>', 'render only the i-th of n slices of the sorted file list').argParser(parseShard),
    )
    .option('-w, --watch', 'render a file again whenever it (or its CSV data) changes, in this process; Ctrl-C stops');
  addFlags(command, [
    'set',
    ['json', 'print one JSON line per rendered file on stdout'],
    'maxPixels',
    'maxWork',
    'quiet',
    'debug',
  ])
    .addHelpText('after', EXAMPLES)
    .action(async (files: string[], flags: RenderFlags) => {
      if (flags.watch) {
        const { watchFiles } = await import('./watch.js');
        exitCode.value = await watchFiles(files, flags, io);
        return;
      }
      const { renderFiles } = await import('./render-files.js');
      exitCode.value = await renderFiles(files, flags, io);
    });
}
