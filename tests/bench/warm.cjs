/**
 * The bench's JIT-warm floor: loads the command line as bin/mlgif does, runs it `times` times in
 * one process and prints only the last run's output. With --json, that line's `seconds` is a
 * render whose code V8 has already compiled and optimised: what a render costs without the
 * warm-up every fresh process pays.
 *
 *   node tests/bench/warm.cjs dist/bundle/launch.cjs 4 render configs/x.yaml --json -q -o out.gif
 */
const [launch, times, ...args] = process.argv.slice(2);
const { main } = require(require('node:path').resolve(launch)).loadBundle().exports;

async function run() {
  let out = '';
  for (let i = 0; i < Number(times); i++) {
    out = '';
    const io = {
      stdout: (chunk) => {
        out += chunk;
      },
      stderr: (text) => process.stderr.write(text),
      readStdin: async () => '',
      stderrIsTTY: false,
      env: process.env,
    };
    const code = await main(args, io);
    if (code !== 0) process.exit(code);
  }
  process.stdout.write(out);
}
run();
