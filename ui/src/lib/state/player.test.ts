import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Player, SPEEDS } from "./player.svelte";
import { mockMedia } from "../../test/media";

let media: ReturnType<typeof mockMedia>;
beforeEach(() => (media = mockMedia()));
afterEach(() => media.restore());

function attached() {
  const player = new Player();
  const el = document.createElement("audio");
  const detach = player.attach(el);
  return { player, el, detach };
}

describe("Player", () => {
  it("plays, pauses and toggles the media element, and hears its events", async () => {
    const { player, el } = attached();
    expect(player.hasMedia).toBe(true);
    await player.play();
    expect(media.play).toHaveBeenCalledOnce();
    expect(player.playing).toBe(true);
    player.toggle();
    expect(media.pause).toHaveBeenCalledOnce();
    expect(player.playing).toBe(false);
    el.currentTime = 12.345;
    el.dispatchEvent(new Event("timeupdate"));
    expect(player.positionMs).toBe(12345);
  });

  it("seeks and skips in milliseconds, never before the start", () => {
    const { player, el } = attached();
    player.seek(61_000);
    expect(el.currentTime).toBe(61);
    expect(player.positionMs).toBe(61_000);
    player.skip(-5000);
    expect(el.currentTime).toBe(56);
    player.seek(-300);
    expect(player.positionMs).toBe(0);
  });

  it("steps the speed through 0.5–2×", () => {
    const { player, el } = attached();
    player.slower();
    expect(player.rate).toBe(0.9);
    expect(el.playbackRate).toBe(0.9);
    for (let i = 0; i < 10; i++) player.slower();
    expect(player.rate).toBe(SPEEDS[0]);
    for (let i = 0; i < 20; i++) player.faster();
    expect(player.rate).toBe(2);
    player.setRate(7);
    expect(player.rate).toBe(2);
  });

  it("keeps a position without a recording, so the transcript can show where it is", async () => {
    const player = new Player();
    player.seek(49_300);
    expect(player.positionMs).toBe(49_300);
    await player.play();
    expect(player.playing).toBe(false);
    expect(media.play).not.toHaveBeenCalled();
  });

  it("takes the position it had to a recording attached later, and lets go of it", () => {
    const player = new Player();
    player.seek(30_000);
    const el = document.createElement("audio");
    const detach = player.attach(el);
    expect(el.currentTime).toBe(30);
    detach();
    expect(player.hasMedia).toBe(false);
  });

  it("says so when the recording cannot be played", () => {
    const { player, el } = attached();
    el.dispatchEvent(new Event("error"));
    expect(player.error).toContain("could not be played");
  });
});
