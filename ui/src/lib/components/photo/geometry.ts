// Between the screen and the image: regions are stored in the image's own pixels, and shown at
// whatever zoom the viewer is at. Pure functions, so the arithmetic is tested on its own.

import type { Rect } from "../../api";

export interface Point {
  x: number;
  y: number;
}

/** The zoom levels the buttons and keys step through. */
export const ZOOM_STEPS = [0.05, 0.1, 0.125, 0.167, 0.25, 0.333, 0.5, 0.667, 0.75, 1, 1.25, 1.5, 2, 3, 4, 6, 8];
export const MIN_ZOOM = ZOOM_STEPS[0];
export const MAX_ZOOM = ZOOM_STEPS[ZOOM_STEPS.length - 1];

export function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** The next step up (or down) from `zoom`, which need not be a step itself (a fitted zoom). */
export function stepZoom(zoom: number, direction: 1 | -1): number {
  const eps = 1e-6;
  if (direction > 0) return ZOOM_STEPS.find((z) => z > zoom + eps) ?? MAX_ZOOM;
  return [...ZOOM_STEPS].reverse().find((z) => z < zoom - eps) ?? MIN_ZOOM;
}

/** The zoom at which the whole image fits in a box, never enlarged past 100%. */
export function fitZoom(image: { width: number; height: number }, box: { width: number; height: number }, padding = 24): number {
  const w = box.width - 2 * padding;
  const h = box.height - 2 * padding;
  if (w <= 0 || h <= 0 || image.width <= 0 || image.height <= 0) return 1;
  return clampZoom(Math.min(1, w / image.width, h / image.height));
}

/**
 * A point on screen (client coordinates) as a point in the image, given where the image's
 * top-left corner is on screen and the zoom. Not clamped.
 */
export function screenToImage(client: Point, imageOrigin: Point, zoom: number): Point {
  return { x: (client.x - imageOrigin.x) / zoom, y: (client.y - imageOrigin.y) / zoom };
}

/**
 * The rectangle between two image points (in either order), clamped inside the image and
 * rounded out to whole pixels; `null` when nothing of it lies inside the image.
 */
export function rectBetween(a: Point, b: Point, image: { width: number; height: number }): Rect | null {
  const clampX = (v: number) => Math.min(image.width, Math.max(0, v));
  const clampY = (v: number) => Math.min(image.height, Math.max(0, v));
  const left = Math.floor(clampX(Math.min(a.x, b.x)));
  const top = Math.floor(clampY(Math.min(a.y, b.y)));
  const right = Math.ceil(clampX(Math.max(a.x, b.x)));
  const bottom = Math.ceil(clampY(Math.max(a.y, b.y)));
  if (right - left < 1 || bottom - top < 1) return null;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * A drag on screen, from `start` to `end` (client coordinates), as a rectangle in image
 * pixels: converted at `zoom` from the image's on-screen origin, clamped, whole pixels.
 */
export function dragToImageRect(start: Point, end: Point, imageOrigin: Point, zoom: number, image: { width: number; height: number }): Rect | null {
  return rectBetween(screenToImage(start, imageOrigin, zoom), screenToImage(end, imageOrigin, zoom), image);
}

/** Where a rectangle in image pixels sits on the zoomed image, in CSS pixels. */
export function rectToScreen(rect: Rect, zoom: number): { left: number; top: number; width: number; height: number } {
  return { left: rect.x * zoom, top: rect.y * zoom, width: rect.width * zoom, height: rect.height * zoom };
}

/** "125%" */
export function zoomLabel(zoom: number): string {
  return `${Math.round(zoom * 100)}%`;
}

/**
 * Where a card about a region goes in a box (the visible viewer), in CSS pixels from the box's
 * corner: under the region if it fits, else over it, else beside it, else as near under it as
 * the box allows. `above` means `top` is the card's bottom edge.
 */
export function placeCard(
  region: { left: number; top: number; width: number; height: number },
  box: { width: number; height: number },
  card: { width: number; height: number },
  gap = 8,
): { left: number; top: number; above: boolean } {
  const left = Math.max(0, Math.min(region.left, box.width - card.width));
  const below = region.top + region.height + gap;
  if (below + card.height <= box.height) return { left, top: below, above: false };
  if (region.top - gap - card.height >= 0) return { left, top: region.top - gap, above: true };
  const top = Math.max(0, Math.min(region.top, box.height - card.height));
  const right = region.left + region.width + gap;
  if (right + card.width <= box.width) return { left: right, top, above: false };
  if (region.left - gap - card.width >= 0) return { left: region.left - gap - card.width, top, above: false };
  return { left, top: Math.max(0, Math.min(below, box.height - card.height)), above: false };
}
