/**
 * Which instructions of a program can affect its prediction s1: a backward liveness analysis
 * (the compiler textbook's, e.g. Aho et al., "Compilers", §9.2.5) over the order AutoML-Zero runs
 * the component functions in: Setup, then Predict and Learn alternately, then Predict alone
 * (validation). s1 is read after every Predict; what Learn or the next Predict reads before
 * writing it is read after Predict too; what Predict reads is read after Learn and after Setup.
 * The sets only grow, so iterating Predict and Learn until nothing changes ends. An instruction
 * is live if it writes an address that is read later; writing one element of a vector or matrix
 * leaves the rest of it as it was, so such a write keeps the whole address live. The evolved
 * programs of the paper are printed with the dead instructions removed; the code panel greys them.
 */
import { PREDICTION } from './memory.js';
import { type Bank, OPS } from './ops.js';
import { IN1, IN2, type Instructions, OP, OUT, type PerComponent, type Program, WIDTH } from './program.js';

const BANK_KEY: Record<Bank, number> = { s: 0, v: 1024, m: 2048 };

function key(bank: Bank, address: number): number {
  return BANK_KEY[bank] + address;
}

/** Live addresses before `code` given those live after it, and which instructions are live. */
function backward(code: Instructions, liveAfter: ReadonlySet<number>): { liveBefore: Set<number>; live: boolean[] } {
  const live = new Set(liveAfter);
  const size = code.length / WIDTH;
  const useful: boolean[] = new Array(size).fill(false);
  for (let i = size - 1; i >= 0; i--) {
    const base = i * WIDTH;
    const op = OPS[code[base + OP]];
    if (!op.out) continue;
    const written = key(op.out, code[base + OUT]);
    if (!live.has(written)) continue;
    useful[i] = true;
    const partial = op.data === 'vectorElement' || op.data === 'matrixElement';
    if (!partial) live.delete(written);
    if (op.in1) live.add(key(op.in1, code[base + IN1]));
    if (op.in2) live.add(key(op.in2, code[base + IN2]));
  }
  return { liveBefore: live, live: useful };
}

function sameSet(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** Per component function, per instruction: can it affect the prediction? */
export function liveInstructions(program: Program): PerComponent<boolean[]> {
  const prediction = key('s', PREDICTION);
  let predictIn = new Set<number>();
  let learnIn = new Set<number>();
  for (;;) {
    const afterPredict = new Set([prediction, ...predictIn, ...learnIn]);
    const predict = backward(program.predict, afterPredict);
    const learn = backward(program.learn, predict.liveBefore);
    const settled = sameSet(predict.liveBefore, predictIn) && sameSet(learn.liveBefore, learnIn);
    predictIn = predict.liveBefore;
    learnIn = learn.liveBefore;
    if (settled) {
      return { setup: backward(program.setup, predictIn).live, predict: predict.live, learn: learn.live };
    }
  }
}
