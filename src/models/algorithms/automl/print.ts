/**
 * A program printed as the AutoML-Zero paper prints its algorithms (Real et al. 2020, Fig. 1 and
 * 5): Python-like, one instruction a line under `def Setup():`, `def Predict(v0):` and
 * `def Learn(v0, s0):`, e.g. `s1 = dot(v1, v0)`, `v2 = s3 * v0`, `s2 = 0.5`, `v1[0] = -0.3`,
 * `s2 = gaussian(0, 0.1)`. Each line says whether it is a header, a live instruction, a dead
 * one (it cannot affect s1: liveness.ts) or a no-op, so a panel can grey or drop lines; and
 * changedLines marks the instructions that differ from an earlier program's (a longest common
 * subsequence per component function), so a panel can highlight what evolution changed.
 */
import { liveInstructions } from './liveness.js';
import { elementIndex } from './memory.js';
import { OPS } from './ops.js';
import {
  COMPONENTS,
  type Component,
  DATA,
  IN1,
  IN2,
  type Instructions,
  OP,
  OUT,
  type Program,
  WIDTH,
} from './program.js';

export type LineKind = 'header' | 'live' | 'dead' | 'noop';

export interface CodeLine {
  text: string;
  kind: LineKind;
  component: Component;
  /** The instruction's index in its component function; −1 for the header. */
  index: number;
}

const HEADERS: Record<Component, string> = {
  setup: 'def Setup():',
  predict: 'def Predict(v0):',
  learn: 'def Learn(v0, s0):',
};

const INDENT = '  ';

/** A constant with three significant digits, as short as it reads: 0.001, -0.53, 1.2e-7. */
export function formatNumber(x: number): string {
  return String(Number(x.toPrecision(3)) + 0);
}

/** One instruction as the paper writes it. `features` sizes the element indices of element sets. */
export function formatInstruction(code: Instructions, i: number, features: number): string {
  const base = i * WIDTH;
  const op = OPS[code[base + OP]];
  if (!op.out) return 'no_op';
  const out = `${op.out}${code[base + OUT]}`;
  const d = base + DATA;
  switch (op.data) {
    case 'constant':
      return `${out} = ${formatNumber(code[d])}`;
    case 'vectorElement':
      return `${out}[${elementIndex(code[d], features)}] = ${formatNumber(code[d + 1])}`;
    case 'matrixElement':
      return `${out}[${elementIndex(code[d], features)}, ${elementIndex(code[d + 1], features)}] = ${formatNumber(code[d + 2])}`;
    case 'uniform':
      return `${out} = uniform(${formatNumber(code[d])}, ${formatNumber(code[d + 1])})`;
    case 'gaussian':
      return `${out} = gaussian(${formatNumber(code[d])}, ${formatNumber(code[d + 1])})`;
    case 'none':
      return `${out} = ${op.expression
        .replace('{a}', `${op.in1}${code[base + IN1]}`)
        .replace('{b}', op.in2 ? `${op.in2}${code[base + IN2]}` : '')}`;
  }
}

/** Header and instruction lines of the three component functions, in order. */
export function printProgram(program: Program, features: number): CodeLine[] {
  const live = liveInstructions(program);
  const lines: CodeLine[] = [];
  for (const component of COMPONENTS) {
    lines.push({ text: HEADERS[component], kind: 'header', component, index: -1 });
    const code = program[component];
    for (let i = 0; i < code.length / WIDTH; i++) {
      const kind = code[i * WIDTH + OP] === 0 ? 'noop' : live[component][i] ? 'live' : 'dead';
      lines.push({ text: INDENT + formatInstruction(code, i, features), kind, component, index: i });
    }
  }
  return lines;
}

/** The printed program as plain text, one line each; dead code and no-ops left out unless `all`. */
export function programText(lines: readonly CodeLine[], all = false): string {
  return lines
    .filter((line) => all || line.kind === 'header' || line.kind === 'live')
    .map((line) => line.text)
    .join('\n');
}

/**
 * For each line of `next`: is it an instruction that is not in `previous` (per component function,
 * lines outside their longest common subsequence)? Headers never change; with no previous program
 * nothing is marked, there being nothing to compare with.
 */
export function changedLines(previous: readonly CodeLine[] | null, next: readonly CodeLine[]): boolean[] {
  const changed = next.map(() => false);
  if (!previous) return changed;
  for (const component of COMPONENTS) {
    const before = previous.filter((l) => l.component === component && l.kind !== 'header').map((l) => l.text);
    const afterIndex = next.flatMap((l, i) => (l.component === component && l.kind !== 'header' ? [i] : []));
    const after = afterIndex.map((i) => next[i].text);
    const kept = commonSubsequence(before, after);
    afterIndex.forEach((line, j) => {
      changed[line] = !kept[j];
    });
  }
  return changed;
}

/** For each element of b: is it part of a longest common subsequence of a and b? */
function commonSubsequence(a: readonly string[], b: readonly string[]): boolean[] {
  const rows = a.length + 1;
  const cols = b.length + 1;
  // length[i][j]: LCS length of a[i..] and b[j..]
  const length = new Int32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      length[i * cols + j] =
        a[i] === b[j]
          ? length[(i + 1) * cols + j + 1] + 1
          : Math.max(length[(i + 1) * cols + j], length[i * cols + j + 1]);
    }
  }
  const kept = b.map(() => false);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      kept[j] = true;
      i++;
      j++;
    } else if (length[(i + 1) * cols + j] >= length[i * cols + j + 1]) i++;
    else j++;
  }
  return kept;
}
