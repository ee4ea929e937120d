import { describe, expect, it } from "vitest";
import type { Segment } from "../../api";
import { PAUSE_MS, estimateRow, segmentAt, timedOrder } from "./follow";
import { clock, spokenTime } from "./time";
import { wordDiff } from "./worddiff";

const seg = (start_ms: number | null, i: number): Segment => ({
  id: `s${i}`,
  position: i,
  start_ms,
  end_ms: null,
  speaker_id: null,
  speaker_label: "",
  text: "",
});

describe("clock", () => {
  it("reads as transcriptionists read times", () => {
    expect(clock(0)).toBe("0:00");
    expect(clock(49_300)).toBe("0:49");
    expect(clock(754_999)).toBe("12:34");
    expect(clock(3_723_000)).toBe("1:02:03");
    expect(clock(49_300, true)).toBe("0:00:49");
    expect(clock(null)).toBe("–:––");
    expect(spokenTime(3_723_000)).toBe("1 hour 2 minutes 3 seconds");
    expect(spokenTime(0)).toBe("0 seconds");
  });
});

describe("the segment at a time", () => {
  const segments = [seg(0, 0), seg(5000, 1), seg(null, 2), seg(9000, 3), seg(9000, 4), seg(20_000, 5)];
  const order = timedOrder(segments);

  it("is the last to start at or before it, skipping segments without a time", () => {
    expect(order).toEqual([0, 1, 3, 4, 5]);
    expect(segmentAt(segments, order, 0)).toBe(0);
    expect(segmentAt(segments, order, 4999)).toBe(0);
    expect(segmentAt(segments, order, 5000)).toBe(1);
    expect(segmentAt(segments, order, 9500)).toBe(4);
    expect(segmentAt(segments, order, 1e9)).toBe(5);
  });

  it("is none before the first start", () => {
    const late = [seg(3000, 0)];
    expect(segmentAt(late, timedOrder(late), 100)).toBe(-1);
  });

  it("stays through a short pause after a segment ends, and not long after", () => {
    const ended = [{ ...seg(1000, 0), end_ms: 2000 }, { ...seg(20_000, 1), end_ms: 25_000 }];
    const o = timedOrder(ended);
    expect(segmentAt(ended, o, 2000 + PAUSE_MS)).toBe(0);
    expect(segmentAt(ended, o, 2001 + PAUSE_MS)).toBe(-1);
    expect(segmentAt(ended, o, 20_000)).toBe(1);
  });

  it("is found among 10,000 segments", () => {
    const many = Array.from({ length: 10_000 }, (_, i) => seg(i * 1000, i));
    expect(segmentAt(many, timedOrder(many), 7_654_321)).toBe(7654);
  });
});

describe("row estimates", () => {
  it("grow with the text and shrink with the width", () => {
    expect(estimateRow("short", 800)).toBe(70);
    expect(estimateRow("x".repeat(400), 800)).toBeGreaterThan(estimateRow("x".repeat(100), 800));
    expect(estimateRow("x".repeat(400), 400)).toBeGreaterThan(estimateRow("x".repeat(400), 800));
  });
});

describe("wordDiff", () => {
  it("marks the words removed and added, keeping the rest", () => {
    expect(wordDiff("Сидят слева направо: Серебряков, Радек", "Сидят справа налево: Серебряков, Радек")).toEqual([
      { kind: "same", text: "Сидят " },
      { kind: "removed", text: "слева" },
      { kind: "added", text: "справа" },
      { kind: "same", text: " " },
      { kind: "removed", text: "направо:" },
      { kind: "added", text: "налево:" },
      { kind: "same", text: " Серебряков, Радек" },
    ]);
  });

  it("reads back both texts whole", () => {
    const [a, b] = ["the quick brown fox", "a quick red fox jumps"];
    const parts = wordDiff(a, b);
    expect(parts.filter((p) => p.kind !== "added").map((p) => p.text).join("")).toBe(a);
    expect(parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("")).toBe(b);
  });

  it("handles empty texts", () => {
    expect(wordDiff("", "new")).toEqual([{ kind: "added", text: "new" }]);
    expect(wordDiff("old", "")).toEqual([{ kind: "removed", text: "old" }]);
    expect(wordDiff("", "")).toEqual([]);
  });
});
