/**
 * RGB → Y'CbCr 4:2:0 (I420: the Y plane, then Cb, then Cr at half width and height), as an
 * H.264 stream without colour information is read: ITU-R BT.601 coefficients, limited range
 * (Y' 16–235, Cb and Cr 16–240). Each chroma sample is the mean of its 2×2 block. Done here
 * rather than by the encoder's own RGBA input so that the conversion is known and the same
 * everywhere (the decoder in the tests inverts exactly this).
 */

/** The I420 frame of a width × height RGBA image (even width and height). */
export function rgbaToI420(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, out: Uint8Array): void {
  const cb0 = width * height;
  const cr0 = cb0 + (width / 2) * (height / 2);
  for (let p = 0, o = 0; p < cb0; p++, o += 4) {
    out[p] = (16.5 + 0.256788 * rgba[o] + 0.504129 * rgba[o + 1] + 0.097906 * rgba[o + 2]) | 0;
  }
  const row = 4 * width;
  for (let y = 0, c = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2, c++) {
      const o = y * row + 4 * x;
      const r = (rgba[o] + rgba[o + 4] + rgba[o + row] + rgba[o + row + 4]) / 4;
      const g = (rgba[o + 1] + rgba[o + 5] + rgba[o + row + 1] + rgba[o + row + 5]) / 4;
      const b = (rgba[o + 2] + rgba[o + 6] + rgba[o + row + 2] + rgba[o + row + 6]) / 4;
      out[cb0 + c] = (128.5 - 0.148223 * r - 0.290993 * g + 0.439216 * b) | 0;
      out[cr0 + c] = (128.5 + 0.439216 * r - 0.367788 * g - 0.071427 * b) | 0;
    }
  }
}
