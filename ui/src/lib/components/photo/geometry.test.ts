import { describe, expect, it } from "vitest";
import { dragToImageRect, fitZoom, placeCard, rectBetween, rectToScreen, screenToImage, stepZoom, zoomLabel } from "./geometry";

const image = { width: 800, height: 500 };

describe("screen and image coordinates", () => {
  it("at zoom 1 a screen pixel is an image pixel, measured from the image's corner", () => {
    expect(screenToImage({ x: 150, y: 90 }, { x: 100, y: 50 }, 1)).toEqual({ x: 50, y: 40 });
  });

  it("at zoom 2 a screen pixel is half an image pixel", () => {
    expect(screenToImage({ x: 300, y: 250 }, { x: 100, y: 50 }, 2)).toEqual({ x: 100, y: 100 });
  });

  it("turns a drag into a rectangle in image pixels at zoom 1 and 2", () => {
    const origin = { x: 100, y: 50 };
    expect(dragToImageRect({ x: 200, y: 150 }, { x: 320, y: 330 }, origin, 1, image)).toEqual({ x: 100, y: 100, width: 120, height: 180 });
    // The same drag on screen covers half as many image pixels at zoom 2.
    expect(dragToImageRect({ x: 200, y: 150 }, { x: 320, y: 330 }, origin, 2, image)).toEqual({ x: 50, y: 50, width: 60, height: 90 });
  });

  it("accepts a drag in any direction", () => {
    expect(dragToImageRect({ x: 320, y: 330 }, { x: 200, y: 150 }, { x: 100, y: 50 }, 1, image)).toEqual({ x: 100, y: 100, width: 120, height: 180 });
  });

  it("clamps a drag that runs off the image to the image's edges", () => {
    // From 20 px left of and above the image to far past its bottom-right corner.
    expect(dragToImageRect({ x: 80, y: 30 }, { x: 2000, y: 2000 }, { x: 100, y: 50 }, 1, image)).toEqual({ x: 0, y: 0, width: 800, height: 500 });
    expect(dragToImageRect({ x: 1900, y: 1200 }, { x: 1000, y: 400 }, { x: 100, y: 50 }, 2, image)).toEqual({ x: 450, y: 175, width: 350, height: 325 });
  });

  it("gives nothing for a drag wholly outside the image", () => {
    expect(dragToImageRect({ x: 0, y: 0 }, { x: 90, y: 40 }, { x: 100, y: 50 }, 1, image)).toBeNull();
  });

  it("rounds outwards to whole pixels", () => {
    expect(rectBetween({ x: 10.4, y: 20.6 }, { x: 30.2, y: 40.1 }, image)).toEqual({ x: 10, y: 20, width: 21, height: 21 });
  });

  it("places an image rectangle on the zoomed image", () => {
    expect(rectToScreen({ x: 50, y: 40, width: 100, height: 60 }, 1)).toEqual({ left: 50, top: 40, width: 100, height: 60 });
    expect(rectToScreen({ x: 50, y: 40, width: 100, height: 60 }, 2)).toEqual({ left: 100, top: 80, width: 200, height: 120 });
  });
});

describe("zoom", () => {
  it("steps up and down from any zoom, within bounds", () => {
    expect(stepZoom(1, 1)).toBe(1.25);
    expect(stepZoom(1, -1)).toBe(0.75);
    expect(stepZoom(0.41, 1)).toBe(0.5);
    expect(stepZoom(8, 1)).toBe(8);
  });

  it("fits the image into the viewer, never past 100%", () => {
    expect(fitZoom({ width: 4000, height: 2500 }, { width: 1048, height: 648 }, 24)).toBe(0.24);
    expect(fitZoom({ width: 400, height: 250 }, { width: 1048, height: 648 }, 24)).toBe(1);
    expect(zoomLabel(0.24)).toBe("24%");
  });
});

describe("the card beside a region", () => {
  const image = { width: 600, height: 400 };
  const card = { width: 290, height: 140 };
  it("goes under the region, over it, or beside it, whichever fits first", () => {
    expect(placeCard({ left: 10, top: 20, width: 50, height: 60 }, image, card)).toEqual({ left: 10, top: 88, above: false });
    expect(placeCard({ left: 10, top: 200, width: 50, height: 100 }, image, card)).toEqual({ left: 10, top: 192, above: true });
    expect(placeCard({ left: 100, top: 60, width: 80, height: 260 }, image, card)).toEqual({ left: 188, top: 60, above: false });
    expect(placeCard({ left: 400, top: 60, width: 80, height: 260 }, image, card)).toEqual({ left: 102, top: 60, above: false });
  });
});
