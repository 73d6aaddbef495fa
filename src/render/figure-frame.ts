/**
 * Draws one frame of a regression's or a function's figure as palette indices, as frame.ts does
 * for the classification map: what stays (the caption's fixed text, the axes, the band and the
 * true curve, the test points, the landscape's filled contours and marks) is drawn once into a
 * base frame — again only when the landscape's objective changes or the subtitle comes or goes
 * with a longer stage — and each frame composites over a copy of it what moves: the fitted
 * curves, the training points in use, the residuals and the paths (overlay.ts), and the caption
 * texts that change, drawn on a transparent strip of their own and read back.
 */
import { createCanvas } from '@napi-rs/canvas';
import { indexedPng } from '../output/png.js';
import { subtitleFits, titleRoom } from './caption.js';
import { drawStaticCaption, drawTexts, dynamicTexts } from './figure-caption.js';
import type { FigureScene, FigureState, LandscapeField } from './figure-scene.js';
import { createFitPlot } from './fit-plot.js';
import { registerFonts } from './font.js';
import { compositeRect } from './frame.js';
import { createLandscapePlot } from './landscape-plot.js';
import { PixelSet } from './layer.js';
import { compositeLayers } from './overlay.js';
import type { Pixels } from './palette.js';

export interface FigureRenderer {
  /** Sets the landscape's objective (its bands, contours, marks and axes), drawn from the next frame on. */
  setField(field: LandscapeField): void;
  /** The frame of a state, as palette indices (a buffer reused by the next call). */
  render(state: FigureState): Pixels;
  /** PNG bytes of an indexed frame. */
  png(indices: Pixels): Buffer;
}

export function createFigureRenderer(scene: FigureScene): FigureRenderer {
  registerFonts();
  const { layout, palette, theme, caption } = scene;
  const { width, height, unit } = layout;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const base = palette.newFrame(width * height);
  const frame = palette.newFrame(width * height);
  const whole = { x: 0, y: 0, w: width, h: height };

  const fitRect = scene.fit ? layout.fit : null;
  const fitPlot =
    scene.fit && fitRect
      ? createFitPlot(scene.fit, fitRect, layout, theme, scene.pointColour, scene.trackColours)
      : null;
  const fitTouched = fitRect ? new PixelSet(fitRect.w * fitRect.h) : null;
  const landscapeRect = scene.landscape ? layout.landscape : null;
  const landscapePlot =
    scene.landscape && landscapeRect
      ? createLandscapePlot(scene.landscape, landscapeRect, layout.key, layout, theme, palette, scene.trackColours)
      : null;
  const landscapeTouched = landscapeRect ? new PixelSet(landscapeRect.w * landscapeRect.h) : null;
  let field: LandscapeField | null = null;

  // The caption's strip: from the top to a little below its last line, clear of the plots' ticks.
  const stripHeight = Math.min(height, Math.ceil((layout.legendBaseline ?? layout.figuresBaseline) + 5 * unit));
  const strip = caption ? createCanvas(width, stripHeight).getContext('2d') : null;
  const stripRect = { x: 0, y: 0, w: width, h: stripHeight };

  let stale = true;
  let subtitleShown = false;
  /** The room line 1 leaves the title, from the stage of the frame drawn last. */
  let room = Number.POSITIVE_INFINITY;
  /** Training points composited into the base so far (when they go there). */
  let baked = 0;

  /** The base holds the first `used` training points: those not yet in it are added. */
  function bakePoints(used: number): void {
    if (!fitPlot?.pointsInBase || !fitRect || !fitTouched || used === baked) return;
    if (used < baked) {
      drawBase(subtitleShown);
      baked = 0;
    }
    compositeLayers(base, width, fitRect, [fitPlot.pointsLayer(baked, used)], palette, fitTouched);
    baked = used;
  }

  function drawBase(withSubtitle: boolean): void {
    base.fill(0);
    if (landscapePlot && landscapeTouched && field) landscapePlot.paintField(base, width, field, landscapeTouched);
    ctx.clearRect(0, 0, width, height);
    fitPlot?.drawStatic(ctx);
    if (landscapePlot && field) landscapePlot.drawStatic(ctx, field);
    if (caption) drawStaticCaption(ctx, layout, theme, caption, scene.trackColours, withSubtitle, room);
    compositeRect(ctx.getImageData(0, 0, width, height).data, whole, base, width, palette);
    if (fitPlot?.testPoints && fitRect && fitTouched) {
      compositeLayers(base, width, fitRect, [fitPlot.testPoints.layer], palette, fitTouched);
    }
  }

  return {
    setField(next) {
      field = next;
      stale = true;
    },
    render(state) {
      room = titleRoom(ctx, layout, state.label);
      const withSubtitle = caption !== null && subtitleFits(ctx, layout, { ...caption, stage: state.label });
      if (stale || withSubtitle !== subtitleShown) {
        drawBase(withSubtitle);
        stale = false;
        subtitleShown = withSubtitle;
        baked = 0;
      }
      bakePoints(state.trainUsed);
      frame.set(base);
      if (fitPlot && fitRect && fitTouched) {
        compositeLayers(frame, width, fitRect, fitPlot.layers(state), palette, fitTouched);
      }
      if (landscapePlot && landscapeRect && landscapeTouched && field) {
        compositeLayers(frame, width, landscapeRect, landscapePlot.layers(state, field), palette, landscapeTouched);
      }
      if (caption && strip) {
        strip.clearRect(0, 0, width, stripHeight);
        drawTexts(strip, dynamicTexts(strip, layout, caption, state.label, state.figures), theme);
        compositeRect(strip.getImageData(0, 0, width, stripHeight).data, stripRect, frame, width, palette);
      }
      return frame;
    },
    png: (indices) => indexedPng(indices, width, height, palette),
  };
}
