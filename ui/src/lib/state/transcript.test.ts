import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../api", () => import("../../test/fake-api"));

import { backend, mocks, reset, type Cue } from "../../test/fake-api";
import { TranscriptDoc, charLength, charOffset } from "./transcript.svelte";

const CUES: Cue[] = [
  [0, 4000, "СМИЛГА", "Я родилась в Москве, в доме на Арбате."],
  [4000, 9000, "ВОЛКОВ", "А мама?"],
  [9000, 15000, "СМИЛГА", "Мама преподавала немецкий язык."],
];

let doc: TranscriptDoc;

beforeEach(async () => {
  reset();
  const i = backend.addInterview("Two daughters");
  const t = backend.addTranscript(i.id, "Russian original", "ru", CUES);
  doc = new TranscriptDoc(t);
  await doc.load();
});

/** What the backend holds now, as [start, end, speaker, text]. */
const stored = () => backend.segments.get(doc.id)!.map((s) => [s.start_ms, s.end_ms, s.speaker_label, s.text]);
/** What the document shows now. */
const shown = () => doc.segments.map((s) => [s.start_ms, s.end_ms, s.speaker_label, s.text]);
const ids = () => doc.segments.map((s) => s.id);

describe("TranscriptDoc", () => {
  it("loads the segments", () => {
    expect(shown()).toEqual(CUES);
    expect(doc.speakers).toEqual(["ВОЛКОВ", "СМИЛГА"]);
  });

  it("saves a text edit with the segment's other fields unchanged, and undoes and redoes it", async () => {
    const [first] = ids();
    await doc.update(first, { text: "Я родилась в Москве." });
    expect(mocks.updateSegment).toHaveBeenCalledWith(first, {
      start_ms: 0,
      end_ms: 4000,
      speaker_id: null,
      speaker_label: "СМИЛГА",
      text: "Я родилась в Москве.",
    });
    expect(doc.saveState).toBe("saved");
    expect(doc.undo.undoLabel).toBe("Edit text");

    await doc.undoLast();
    expect(stored()[0][3]).toBe("Я родилась в Москве, в доме на Арбате.");
    expect(shown()).toEqual(stored());
    await doc.redoLast();
    expect(stored()[0][3]).toBe("Я родилась в Москве.");
    expect(shown()).toEqual(stored());
  });

  it("folds the saves of one visit to a segment into one undo step", async () => {
    const [first] = ids();
    await doc.update(first, { text: "Я" }, "1");
    await doc.update(first, { text: "Я ро" }, "1");
    await doc.update(first, { text: "Я родилась", speaker_label: "ТАТЬЯНА" }, "1");
    // A new visit is a new step.
    await doc.update(first, { text: "Я родилась." }, "2");
    await doc.undoLast();
    expect(stored()[0]).toEqual([0, 4000, "ТАТЬЯНА", "Я родилась"]);
    await doc.undoLast();
    expect(stored()[0]).toEqual(CUES[0]);
    expect(doc.undo.canUndo).toBe(false);
    await doc.redoLast();
    expect(stored()[0]).toEqual([0, 4000, "ТАТЬЯНА", "Я родилась"]);
  });

  it("skips a save that changes nothing", async () => {
    await doc.update(ids()[1], { text: "А мама?" });
    expect(mocks.updateSegment).not.toHaveBeenCalled();
    expect(doc.undo.canUndo).toBe(false);
  });

  it("splits at a character offset, and undoing merges back to exactly what it was", async () => {
    const [first] = ids();
    const pair = await doc.split(first, 20, 2000);
    expect(mocks.splitSegment).toHaveBeenCalledWith(first, 20, 2000);
    expect(pair![0].text).toBe("Я родилась в Москве,");
    expect(shown().slice(0, 2)).toEqual([
      [0, 2000, "СМИЛГА", "Я родилась в Москве,"],
      [2000, 4000, "СМИЛГА", "в доме на Арбате."],
    ]);
    expect(doc.segments.map((s) => s.position)).toEqual([0, 1, 2, 3]);

    await doc.undoLast();
    expect(stored()).toEqual(CUES);
    expect(shown()).toEqual(CUES);
    expect(doc.segments.map((s) => s.position)).toEqual([0, 1, 2]);

    await doc.redoLast();
    expect(shown()).toEqual(stored());
    expect(stored()).toHaveLength(4);
  });

  it("merges with the next segment, and undoing splits them apart as they were", async () => {
    const [, second] = ids();
    await doc.merge(second);
    expect(stored()).toEqual([CUES[0], [4000, 15000, "ВОЛКОВ", "А мама? Мама преподавала немецкий язык."]]);
    await doc.undoLast();
    expect(stored()).toEqual(CUES);
    expect(shown()).toEqual(CUES);
    await doc.redoLast();
    expect(stored()).toHaveLength(2);
    await doc.undoLast();
    expect(stored()).toEqual(CUES);
  });

  it("follows a segment made again by an undo, for the steps before and after it", async () => {
    const [, second, third] = ids();
    await doc.update(third, { text: "Мама учила немецкому." });
    await doc.merge(second);
    // Undo the merge: the third segment comes back with a new id.
    await doc.undoLast();
    const again = ids()[2];
    expect(again).not.toBe(third);
    // The edit made on it before still undoes, on the segment as it now is.
    await doc.undoLast();
    expect(stored()[2][3]).toBe("Мама преподавала немецкий язык.");
    await doc.redoLast();
    await doc.redoLast();
    expect(stored()).toHaveLength(2);
    await doc.undoLast();
    await doc.undoLast();
    expect(stored()).toEqual(CUES);
  });

  it("merges back a segment whose half was empty", async () => {
    await doc.update(ids()[1], { text: "" });
    await doc.merge(ids()[0]);
    expect(stored()[0][3]).toBe("Я родилась в Москве, в доме на Арбате.");
    await doc.undoLast();
    expect(stored()).toEqual([CUES[0], [4000, 9000, "ВОЛКОВ", ""], CUES[2]]);
  });

  it("stamps a start time, and undoing gives the old times back", async () => {
    const [, second] = ids();
    await doc.syncStart(second, 4750);
    expect(mocks.syncSegmentStart).toHaveBeenCalledWith(second, 4750, "check");
    expect(stored()[1]).toEqual([4750, 9000, "ВОЛКОВ", "А мама?"]);
    expect(doc.undo.undoLabel).toBe("Set start time");
    await doc.undoLast();
    expect(stored()[1]).toEqual(CUES[1]);
  });

  it("works each edit out when its turn comes, so a stamp is not lost under a save of text", async () => {
    const [first] = ids();
    const stamp = doc.syncStart(first, 500);
    const text = doc.update(first, { text: "Я родилась." });
    await Promise.all([stamp, text]);
    expect(stored()[0]).toEqual([500, 4000, "СМИЛГА", "Я родилась."]);
  });

  it("saves what open editors are waiting to save before reshaping the list", async () => {
    const [first] = ids();
    const flush = vi.fn(() => doc.update(first, { text: "Я родилась в Москве, на Арбате." }).then(() => {}));
    doc.editors.set(first, flush);
    await doc.split(first, 21, null);
    expect(flush).toHaveBeenCalled();
    expect(mocks.updateSegment.mock.invocationCallOrder[0]).toBeLessThan(mocks.splitSegment.mock.invocationCallOrder[0]);
    expect(stored().slice(0, 2).map((s) => s[3])).toEqual(["Я родилась в Москве,", "на Арбате."]);
  });

  it("says why a write failed, and keeps the list as the backend has it", async () => {
    await expect(doc.split(ids()[1], 0, null)).rejects.toMatchObject({ code: "invalid" });
    expect(doc.saveState).toBe("error");
    expect(doc.saveError).toBe("Split: put the cursor inside the text to split a segment there");
    expect(shown()).toEqual(CUES);
    expect(doc.undo.canUndo).toBe(false);
  });
});

describe("character offsets", () => {
  it("counts Unicode characters, as the backend splits", () => {
    expect(charLength("Арбат")).toBe(5);
    expect(charLength("a😀b")).toBe(3);
    expect(charOffset("a😀b", 3)).toBe(2);
    expect(charOffset("Мама учила", 4)).toBe(4);
  });
});
