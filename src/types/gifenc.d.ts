declare module 'gifenc' {
  export interface WriteFrameOptions {
    palette?: ReadonlyArray<readonly number[]>;
    delay?: number;
    repeat?: number;
    transparent?: boolean;
    transparentIndex?: number;
    dispose?: number;
    first?: boolean;
    colorDepth?: number;
  }
  export interface Encoder {
    writeHeader(): void;
    writeFrame(index: Uint8Array, width: number, height: number, opts?: WriteFrameOptions): void;
    finish(): void;
    bytesView(): Uint8Array;
    reset(): void;
    readonly stream: { reset(): void };
  }
  const gifenc: { GIFEncoder(opts?: { auto?: boolean; initialCapacity?: number }): Encoder };
  export default gifenc;
}
