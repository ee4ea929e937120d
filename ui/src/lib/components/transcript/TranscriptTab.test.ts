import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../api", () => import("../../../test/fake-api"));

import { fireEvent, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import * as api from "../../api";
import { access, backend, mocks, reset, type Cue } from "../../../test/fake-api";
import { mockMedia } from "../../../test/media";
import { renderWindow, seedSample } from "../../../test/render";

const RU: Cue[] = [
  [2000, 8000, "ВОЛКОВ", "Татьяна Ивановна, расскажите о вашем детстве."],
  [8500, 15000, "СМИЛГА", "Я родилась в Москве, в доме на Арбате."],
  [15500, 22000, "СМИЛГА", "Отец тогда много работал."],
  [22500, 27000, "ВОЛКОВ", "А мама?"],
  [27500, 35000, "СМИЛГА", "Мама преподавала немецкий язык в школе."],
  [49300, 56000, "СМИЛГА", "Сидят слева направо: Серебряков, Радек, Троцкий."],
];
const EN: Cue[] = [
  [2100, 8000, "VOLKOV", "Tatiana Ivanovna, tell us about your childhood."],
  [8600, 15000, "SMILGA", "I was born in Moscow, in a house on the Arbat."],
  [49500, 56000, "SMILGA", "Seated, left to right: Serebryakov, Radek, Trotsky."],
];

let s: ReturnType<typeof seedSample>;
let media: ReturnType<typeof mockMedia>;
let ru: ReturnType<typeof backend.addTranscript>;

beforeEach(() => {
  reset();
  s = seedSample();
  ru = backend.addTranscript(s.two.id, "Russian original", "ru", RU);
  backend.addRecording(s.two.id, { duration_ms: 3_600_000 });
  media = mockMedia();
});
afterEach(() => {
  media.restore();
  vi.useRealTimers();
});

async function openTranscript(title = "Two daughters", fakeTimers = false) {
  if (fakeTimers) vi.useFakeTimers();
  const user = userEvent.setup(fakeTimers ? { advanceTimers: vi.advanceTimersByTime.bind(vi) } : {});
  const r = await renderWindow();
  await user.click(screen.getAllByTestId("interview-row").find((tr) => tr.textContent?.includes(title))!);
  await user.click(await screen.findByTestId("tab-transcript"));
  return { user, ...r };
}

const segments = () => screen.queryAllByTestId("segment");
const segmentAt = (i: number) => segments()[i];
const textOf = (i: number) => within(segmentAt(i)).getByTestId("segment-text") as HTMLTextAreaElement;
const player = () => screen.getByTestId("player");
const media$ = () => screen.getByTestId("player-media") as HTMLAudioElement;
const stored = () => backend.segments.get(ru.id)!;

describe("the Transcript tab", () => {
  it("lists the segments with their times and speakers, under the player", async () => {
    await openTranscript();
    await vi.waitFor(() => expect(segments()).toHaveLength(6));
    expect(segments().map((el) => el.dataset.startMs)).toEqual(["2000", "8500", "15500", "22500", "27500", "49300"]);
    expect(segments()[0].dataset.segmentId).toBe(stored()[0].id);
    expect(within(segmentAt(1)).getByTestId("segment-time").textContent).toContain("0:00:08");
    // Its name starts with the time it shows, then says what it does.
    expect(within(segmentAt(1)).getByRole("button", { name: "0:00:08, play from here" })).toBe(within(segmentAt(1)).getByTestId("segment-time"));
    expect((within(segmentAt(1)).getByTestId("segment-speaker") as HTMLInputElement).value).toBe("СМИЛГА");
    expect(textOf(1).value).toBe("Я родилась в Москве, в доме на Арбате.");
    expect(player().dataset.positionMs).toBe("0");
    expect(player().dataset.hasRecording).toBe("true");
    expect(media$().getAttribute("src")).toBe(`http://127.0.0.1:4000/token/${s.two.id}`);
    expect(screen.getByTestId("transcript-label").textContent).toBe("Russian original (ru)");
  });

  it("says calmly when there is no recording, and keeps the times and the editing", async () => {
    backend.addTranscript(s.books.id, "Notes", "en", [[1000, 2000, "", "Hello"]]);
    const { user } = await openTranscript("Books and letters");
    expect((await screen.findByTestId("player-no-recording")).textContent).toContain("no recording yet");
    await vi.waitFor(() => expect(segments()).toHaveLength(1));
    expect(within(segmentAt(0)).getByTestId("segment-time").textContent).toContain("0:01");
    await user.click(within(segmentAt(0)).getByTestId("segment-time"));
    expect(player().dataset.positionMs).toBe("1000");
    expect(media.play).not.toHaveBeenCalled();
  });

  it("offers to import when there is no transcript", async () => {
    await openTranscript("Books and letters");
    expect((await screen.findByTestId("no-transcript")).textContent).toContain("No transcript yet");
    expect(screen.getByTestId("import-transcript")).toBeTruthy();
  });

  it("plays from a segment's time, and highlights the segment playing as the recording goes", async () => {
    const { user } = await openTranscript();
    await vi.waitFor(() => expect(segments()).toHaveLength(6));
    await user.click(within(segmentAt(2)).getByTestId("segment-time"));
    expect(media$().currentTime).toBe(15.5);
    expect(media.play).toHaveBeenCalled();
    expect(player().dataset.playing).toBe("true");
    expect(player().dataset.positionMs).toBe("15500");
    await vi.waitFor(() => expect(segmentAt(2).dataset.playing).toBe("true"));
    media$().currentTime = 28;
    await fireEvent(media$(), new Event("timeupdate"));
    expect(segmentAt(4).dataset.playing).toBe("true");
    expect(segments().filter((el) => el.dataset.playing === "true")).toHaveLength(1);
  });

  it("drives the player with oTranscribe's keys: Esc, F1, F2, F3, F4", async () => {
    const { user } = await openTranscript();
    await vi.waitFor(() => expect(segments()).toHaveLength(6));
    // From inside a segment's text, as a transcriptionist types.
    await user.click(textOf(1));
    await user.keyboard("{Escape}");
    expect(media.play).toHaveBeenCalledOnce();
    expect(player().dataset.playing).toBe("true");
    await user.keyboard("{Escape}");
    expect(media.pause).toHaveBeenCalledOnce();

    media$().currentTime = 20;
    await fireEvent(media$(), new Event("timeupdate"));
    await user.keyboard("{F1}");
    expect(media$().currentTime).toBe(15);
    await user.keyboard("{F2}{F2}");
    expect(media$().currentTime).toBe(25);
    await user.keyboard("{F3}");
    expect(media$().playbackRate).toBe(0.9);
    await user.keyboard("{F4}{F4}");
    expect(media$().playbackRate).toBe(1.25);
    expect((screen.getByTestId("player-speed") as HTMLSelectElement).value).toBe("1.25");
    // The text was not touched by the keys.
    expect(textOf(1).value).toBe("Я родилась в Москве, в доме на Арбате.");
  });

  it("saves an edit of the text after a pause, with the rest of the segment as it was", async () => {
    const { user } = await openTranscript("Two daughters", true);
    await vi.waitFor(() => expect(segments()).toHaveLength(6));
    await user.click(textOf(3));
    await user.keyboard("{End} Чем она занималась?");
    expect(mocks.updateSegment).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(400);
    expect(mocks.updateSegment).toHaveBeenCalledOnce();
    expect(mocks.updateSegment).toHaveBeenCalledWith(stored()[3].id, {
      start_ms: 22500,
      end_ms: 27000,
      speaker_id: null,
      speaker_label: "ВОЛКОВ",
      text: "А мама? Чем она занималась?",
    });
    await vi.waitFor(() => expect(screen.getAllByTestId("save-state").some((el) => el.textContent?.includes("Saved"))).toBe(true));
    expect(stored()[3].text).toBe("А мама? Чем она занималась?");
  });

  it("saves a speaker at once when the segment is left", async () => {
    const { user } = await openTranscript();
    await vi.waitFor(() => expect(segments()).toHaveLength(6));
    const speaker = within(segmentAt(0)).getByTestId("segment-speaker") as HTMLInputElement;
    await user.clear(speaker);
    await user.type(speaker, "Интервьюер");
    await user.click(textOf(2));
    await vi.waitFor(() => expect(stored()[0].speaker_label).toBe("Интервьюер"));
  });

  it("splits a segment at the cursor with Enter, and moves into the new one", async () => {
    const { user } = await openTranscript();
    await vi.waitFor(() => expect(segments()).toHaveLength(6));
    const id = stored()[1].id;
    await user.click(textOf(1));
    textOf(1).setSelectionRange(20, 20);
    await user.keyboard("{Enter}");
    await vi.waitFor(() => expect(segments()).toHaveLength(7));
    expect(mocks.splitSegment).toHaveBeenCalledWith(id, 20, null);
    expect(textOf(1).value).toBe("Я родилась в Москве,");
    expect(textOf(2).value).toBe("в доме на Арбате.");
    await vi.waitFor(() => expect(document.activeElement).toBe(textOf(2)));
    expect(textOf(2).selectionStart).toBe(0);
  });

  it("splits at the playing time too, while the recording plays inside the segment", async () => {
    const { user } = await openTranscript();
    await vi.waitFor(() => expect(segments()).toHaveLength(6));
    await user.click(within(segmentAt(1)).getByTestId("segment-time"));
    media$().currentTime = 11.25;
    await fireEvent(media$(), new Event("timeupdate"));
    await user.click(textOf(1));
    textOf(1).setSelectionRange(20, 20);
    await user.keyboard("{Enter}");
    await vi.waitFor(() => expect(mocks.splitSegment).toHaveBeenCalledWith(stored()[1].id, 20, 11250));
    await vi.waitFor(() => expect(segmentAt(2).dataset.startMs).toBe("11250"));
  });

  it("stamps the playing time as the start of the segment being edited with Ctrl+J (and F8)", async () => {
    const { user } = await openTranscript();
    await vi.waitFor(() => expect(segments()).toHaveLength(6));
    const id = stored()[3].id;
    await user.click(textOf(3));
    media$().currentTime = 23.4;
    await fireEvent(media$(), new Event("timeupdate"));
    await user.keyboard("{Control>}j{/Control}");
    await vi.waitFor(() => expect(mocks.syncSegmentStart).toHaveBeenCalledWith(id, 23400, "check"));
    await vi.waitFor(() => expect(segmentAt(3).dataset.startMs).toBe("23400"));
    media$().currentTime = 24;
    await fireEvent(media$(), new Event("timeupdate"));
    await user.keyboard("{F8}");
    await vi.waitFor(() => expect(mocks.syncSegmentStart).toHaveBeenLastCalledWith(id, 24000, "check"));
  });

  it("warns in words when Ctrl+J would stamp a time earlier than the segment before, and moves it into time order", async () => {
    const { user } = await openTranscript();
    await vi.waitFor(() => expect(segments()).toHaveLength(6));
    const id = stored()[3].id;
    await user.click(textOf(3));
    // 0:05, while the segment before starts at 0:15.5.
    media$().currentTime = 5;
    await fireEvent(media$(), new Event("timeupdate"));
    await user.keyboard("{Control>}j{/Control}");
    const warning = await screen.findByTestId("stamp-out-of-order");
    expect(within(warning).getByTestId("stamp-message").textContent).toBe(
      "Not stamped yet: 0:05 is earlier than the start of the segment before it (0:15.5, “Отец тогда много работал.”): stamped here, the transcript would no longer run in time order.",
    );
    expect(stored()[3].start_ms, "nothing stamped before the curator says").toBe(22500);
    expect(document.activeElement).toBe(within(warning).getByTestId("stamp-reorder"));

    await user.click(within(warning).getByTestId("stamp-reorder"));
    await vi.waitFor(() => expect(screen.queryByTestId("stamp-out-of-order")).toBeNull());
    // Between 0:02 and 0:08.5 it belongs second, and the list shows it there.
    expect(stored().map((x) => x.start_ms)).toEqual([2000, 5000, 8500, 15500, 27500, 49300]);
    await vi.waitFor(() => expect(segments().map((x) => x.dataset.startMs)).toEqual(["2000", "5000", "8500", "15500", "27500", "49300"]));
    expect(segmentAt(1).dataset.segmentId).toBe(id);

    // One undo puts it back where it was, with its old time.
    await user.click(screen.getByTestId("undo"));
    await vi.waitFor(() => expect(stored().map((x) => x.start_ms)).toEqual([2000, 8500, 15500, 22500, 27500, 49300]));
    expect(stored()[3].id).toBe(id);
  });

  it("stamps an out-of-order time where it is when asked, or not at all", async () => {
    const { user } = await openTranscript();
    await vi.waitFor(() => expect(segments()).toHaveLength(6));
    await user.click(textOf(1));
    media$().currentTime = 30;
    await fireEvent(media$(), new Event("timeupdate"));
    await user.keyboard("{Control>}j{/Control}");
    const warning = await screen.findByTestId("stamp-out-of-order");
    expect(within(warning).getByTestId("stamp-message").textContent).toContain("0:30 is later than the start of the segment after it (0:15.5");
    await user.click(within(warning).getByTestId("stamp-cancel"));
    expect(screen.queryByTestId("stamp-out-of-order")).toBeNull();
    expect(stored()[1].start_ms).toBe(8500);

    await user.keyboard("{Control>}j{/Control}");
    await user.click(within(await screen.findByTestId("stamp-out-of-order")).getByTestId("stamp-keep"));
    await vi.waitFor(() => expect(stored().map((x) => x.start_ms)).toEqual([2000, 30000, 15500, 22500, 27500, 49300]));
    expect(screen.queryByTestId("stamp-out-of-order")).toBeNull();
  });

  it("undoes and redoes edits with Ctrl+Z and Ctrl+Shift+Z: text, split and merge", async () => {
    const { user } = await openTranscript();
    await vi.waitFor(() => expect(segments()).toHaveLength(6));
    // Text
    await user.click(textOf(2));
    await user.keyboard("{End} Очень много.");
    await user.click(textOf(0));
    await vi.waitFor(() => expect(stored()[2].text).toBe("Отец тогда много работал. Очень много."));
    await user.keyboard("{Control>}z{/Control}");
    await vi.waitFor(() => expect(stored()[2].text).toBe("Отец тогда много работал."));
    await vi.waitFor(() => expect(textOf(2).value).toBe("Отец тогда много работал."));
    await user.keyboard("{Control>}{Shift>}z{/Shift}{/Control}");
    await vi.waitFor(() => expect(textOf(2).value).toBe("Отец тогда много работал. Очень много."));

    // Merge with the next, with the segment's button, then undo it.
    await user.click(within(segmentAt(3)).getByTestId("segment-merge"));
    await vi.waitFor(() => expect(segments()).toHaveLength(5));
    expect(textOf(3).value).toBe("А мама? Мама преподавала немецкий язык в школе.");
    await user.click(screen.getByTestId("undo"));
    await vi.waitFor(() => expect(segments()).toHaveLength(6));
    expect(stored().map((x) => [x.start_ms, x.end_ms, x.speaker_label, x.text])).toEqual([
      ...RU.slice(0, 2),
      [15500, 22000, "СМИЛГА", "Отец тогда много работал. Очень много."],
      ...RU.slice(3),
    ]);
    await user.click(screen.getByTestId("redo"));
    await vi.waitFor(() => expect(segments()).toHaveLength(5));
  });

  it("shows two transcripts side by side, lined up by time", async () => {
    backend.addTranscript(s.two.id, "English translation", "en", EN);
    const { user } = await openTranscript();
    await vi.waitFor(() => expect(segments()).toHaveLength(6));
    expect((screen.getByTestId("transcript-select") as HTMLSelectElement).selectedOptions[0].textContent).toBe("Russian original (ru)");
    await user.click(screen.getByTestId("side-by-side"));
    await vi.waitFor(() => expect(segments()).toHaveLength(9));
    expect(mocks.alignTranscripts).toHaveBeenCalledWith(ru.id, expect.any(String));
    const rows = screen.getByTestId("segment-list").querySelectorAll(".pair");
    const pair = (i: number) => Array.from(rows[i].querySelectorAll<HTMLElement>("[data-testid=segment]")).map((el) => el.dataset.startMs);
    expect(pair(0)).toEqual(["2000", "2100"]);
    expect(pair(1)).toEqual(["8500", "8600"]);
    expect(pair(2)).toEqual(["15500"]);
    expect(pair(5)).toEqual(["49300", "49500"]);
    expect(rows).toHaveLength(6);
    // Both sides follow the player.
    const playing = () => screen.getAllByTestId("segment").filter((el) => el.dataset.playing === "true").map((el) => el.dataset.startMs);
    await user.click(within(rows[1] as HTMLElement).getAllByTestId("segment-time")[0]);
    await vi.waitFor(() => expect(playing()).toEqual(["2100", "8500"]));
    // Where the translation has nothing, only the original is marked.
    await user.click(within(rows[3] as HTMLElement).getAllByTestId("segment-time")[0]);
    await vi.waitFor(() => expect(playing()).toEqual(["22500"]));
  });

  it("saves a named revision and shows what changed since, word by word", async () => {
    const { user } = await openTranscript();
    await vi.waitFor(() => expect(segments()).toHaveLength(6));
    await user.click(screen.getByTestId("revisions"));
    const dialog = await screen.findByTestId("revisions-dialog");
    expect(within(dialog).getByTestId("no-revisions")).toBeTruthy();
    await user.type(within(dialog).getByTestId("revision-name"), "As transcribed{Enter}");
    await vi.waitFor(() => expect(within(dialog).getAllByTestId("revision")).toHaveLength(1));
    expect(mocks.saveRevision).toHaveBeenCalledWith(ru.id, "As transcribed");
    await user.click(within(dialog).getByTestId("revisions-close"));

    await user.click(textOf(5));
    await user.keyboard("{Control>}a{/Control}Сидят справа налево: Серебряков, Радек, Троцкий.");
    await user.click(textOf(0));
    await vi.waitFor(() => expect(stored()[5].text).toContain("справа"));

    await user.click(screen.getByTestId("revisions"));
    const again = await screen.findByTestId("revisions-dialog");
    await vi.waitFor(() => expect(within(again).getAllByTestId("revision")).toHaveLength(1));
    await user.click(within(again).getByTestId("diff-run"));
    expect(mocks.diffRevisions).toHaveBeenCalledWith(expect.any(String), null);
    const change = await within(again).findByTestId("diff-change");
    expect(change.dataset.change).toBe("changed");
    expect(Array.from(change.querySelectorAll("del")).map((d) => d.textContent)).toEqual(["слева", "направо:"]);
    expect(Array.from(change.querySelectorAll("ins")).map((d) => d.textContent)).toEqual(["справа", "налево:"]);
    expect(within(again).getByTestId("diff-summary").textContent).toContain("1 changed, 0 added, 0 removed");
  });

  it("keeps a transcript of 10,000 segments to a window of rows", async () => {
    const many: Cue[] = Array.from({ length: 10_000 }, (_, i) => [i * 3000, i * 3000 + 2500, i % 2 ? "A" : "B", `Segment number ${i}`]);
    const big = backend.addTranscript(s.winter.id, "Long", "en", many);
    await openTranscript("A winter in Leningrad");
    await vi.waitFor(() => expect(segments().length).toBeGreaterThan(5));
    expect(segments().length).toBeLessThan(40);
    expect(screen.getByText("10000 segments")).toBeTruthy();
    expect(big.segment_count).toBe(10_000);
  });
});

describe("the Index tab", () => {
  it("lists the index points, and a point's time plays from there", async () => {
    backend.addIndexPoint(s.two.id, 49_300, "The photograph of 1927", { synopsis: "Who sits where.", keywords: ["Trotsky", "Radek"], partial_transcript: "Сидят слева направо" });
    backend.addIndexPoint(s.two.id, 2000, "Childhood", { keywords: ["Arbat"] });
    const user = userEvent.setup();
    await renderWindow();
    await user.click(screen.getAllByTestId("interview-row").find((tr) => tr.textContent?.includes("Two daughters"))!);
    await user.click(await screen.findByTestId("tab-index"));
    const points = await screen.findAllByTestId("index-point");
    expect(points.map((p) => p.querySelector("h3")?.textContent)).toEqual(["Childhood", "The photograph of 1927"]);
    expect(points[1].textContent).toContain("Who sits where.");
    expect(Array.from(points[1].querySelectorAll(".chips li")).map((li) => li.textContent)).toEqual(["Trotsky", "Radek"]);
    await user.click(within(points[1]).getByTestId("index-time"));
    expect(player().dataset.positionMs).toBe("49300");
    expect(media.play).toHaveBeenCalled();
    await vi.waitFor(() => expect(points[1].classList.contains("current")).toBe(true));
  });

  it("tags an index point, and a tagged point opens its interview at that time", async () => {
    const point = backend.addIndexPoint(s.two.id, 49_300, "The photograph of 1927");
    const photographs = access().addTag("Photographs");
    const user = userEvent.setup();
    await renderWindow();
    await user.click(screen.getAllByTestId("interview-row").find((tr) => tr.textContent?.includes("Two daughters"))!);
    await user.click(await screen.findByTestId("tab-index"));
    const [row] = await screen.findAllByTestId("index-point");
    await user.click(within(row).getByTestId("index-point-tags"));
    await user.type(within(row).getByTestId("tag-input"), "Photog{Enter}");
    await vi.waitFor(() => expect(api.tagTarget).toHaveBeenCalledWith(photographs.id, { type: "record", kind: "index_point", id: point.id }));

    await user.click((await screen.findAllByTestId("nav-tag")).find((t) => t.textContent?.includes("Photographs"))!);
    await user.click(await screen.findByTestId("library-row"));
    await vi.waitFor(() => expect(screen.getByTestId("tab-transcript").getAttribute("aria-selected")).toBe("true"));
    await vi.waitFor(() => expect(player().dataset.positionMs).toBe("49300"));
  });
});

describe("importing transcripts", () => {
  it("chooses files, asks how to read them, and shows the job's progress until it is done", async () => {
    backend.filesAnswer = ["/home/ann/smilga-en.vtt"];
    backend.files.set("/home/ann/smilga-en.vtt", { cues: EN, language: "en", warnings: ["line 9: cues overlap"] });
    const release = backend.holdImports();
    const { user } = await openTranscript();
    await vi.waitFor(() => expect(segments()).toHaveLength(6));

    await user.click(screen.getByTestId("import-transcript"));
    expect(mocks.chooseFiles).toHaveBeenCalledWith("Import transcript", "transcript", true);
    const dialog = await screen.findByTestId("import-dialog");
    expect(within(dialog).getByTestId("import-files").textContent).toContain("smilga-en.vtt");
    await user.selectOptions(within(dialog).getByTestId("import-encoding"), "windows-1251");
    await user.type(within(dialog).getByTestId("import-language"), "en");
    await user.type(within(dialog).getByTestId("import-label"), "English translation");
    await user.click(within(dialog).getByTestId("import-confirm"));
    expect(screen.queryByTestId("import-dialog")).toBeNull();

    await vi.waitFor(() => expect(mocks.importTranscript).toHaveBeenCalled());
    const [jobId, interviewId, path, options] = mocks.importTranscript.mock.calls[0];
    expect([interviewId, path]).toEqual([s.two.id, "/home/ann/smilga-en.vtt"]);
    expect(options).toEqual({ format: null, language: "en", encoding: "windows-1251", label: "English translation", previewed_sha256: "sha-of-smilga-en.vtt" });

    const panel = await screen.findByTestId("jobs-panel");
    const job = await within(panel).findByTestId("job");
    await vi.waitFor(() => expect(job.textContent).toContain("Importing smilga-en.vtt"));
    expect(job.dataset.jobId).toBe(jobId);
    expect(job.textContent).toContain("0 of 3");
    expect(within(job).getByTestId("job-progress").getAttribute("aria-valuemax")).toBe("3");
    expect(within(job).getByTestId("job-warnings").textContent).toContain("line 9: cues overlap");
    expect(screen.getByTestId("jobs-running").textContent).toBe("1");

    release();
    await vi.waitFor(() => expect(job.dataset.status).toBe("finished"));
    expect(within(job).getByTestId("job-result").textContent).toContain("3 segments into “Two daughters”");
    // The new transcript is shown.
    await vi.waitFor(() => expect((screen.getByTestId("transcript-select") as HTMLSelectElement).selectedOptions[0].textContent).toBe("English translation (en)"));
    await vi.waitFor(() => expect(segments()).toHaveLength(3));
  });

  it("cancels a running import from the jobs panel", async () => {
    backend.filesAnswer = ["/home/ann/big.srt"];
    backend.files.set("/home/ann/big.srt", { cues: EN });
    backend.holdImports();
    const { user } = await openTranscript();
    await user.click(await screen.findByTestId("import-transcript"));
    await user.click(await screen.findByTestId("import-confirm"));
    const job = await screen.findByTestId("job");
    await vi.waitFor(() => expect(job.textContent).toContain("0 of 3"));
    await user.click(within(job).getByTestId("job-cancel"));
    expect(mocks.cancelJob).toHaveBeenCalledWith(job.dataset.jobId);
    await vi.waitFor(() => expect(job.dataset.status).toBe("cancelled"));
    expect(within(job).getByTestId("job-status").textContent).toBe("Cancelled");
    expect(backend.transcripts.filter((t) => t.interview_id === s.two.id)).toHaveLength(1);
  });

  it("lists what a file's import would skip, with lines, and stores nothing when cancelled", async () => {
    const path = "/home/ann/radek.vtt";
    backend.filesAnswer = [path];
    backend.files.set(path, {
      cues: EN,
      issues: [
        { line: 6, action: "skipped", message: "the cue timing \"00:00:05.000 --> 00:00:60.000\" could not be read: the end time has seconds beyond 59; the cue was left out" },
        { line: 911, action: "corrected", message: "this cue ends at 00:15:00.000 before it starts at 00:15:02.000; it was kept with its end set to its start" },
      ],
      issue_summary: "1 cue could not be read: line 6; 1 block was corrected: line 911; 3 imported",
    });
    const { user } = await openTranscript();
    const before = backend.transcripts.length;
    await user.click(await screen.findByTestId("import-transcript"));
    await user.click(await screen.findByTestId("import-confirm"));
    const preview = await screen.findByTestId("import-preview");
    expect(within(preview).getByTestId("import-preview-summary").textContent).toBe("1 cue could not be read: line 6; 1 block was corrected: line 911; 3 imported");
    const items = within(preview).getByTestId("import-preview-issues").querySelectorAll("li");
    expect(Array.from(items).map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^line 6 skipped: the cue timing/),
      expect.stringMatching(/^line 911 corrected: this cue ends/),
    ]);
    expect(mocks.importTranscript).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("import-cancel"));
    expect(screen.queryByTestId("import-dialog")).toBeNull();
    expect(mocks.importTranscript).not.toHaveBeenCalled();
    expect(backend.transcripts.length).toBe(before);

    await user.click(await screen.findByTestId("import-transcript"));
    await user.click(await screen.findByTestId("import-confirm"));
    await screen.findByTestId("import-preview");
    expect(screen.getByTestId("import-confirm").textContent?.trim()).toBe("Import the rest");
    await user.click(screen.getByTestId("import-confirm"));
    await vi.waitFor(() => expect(mocks.importTranscript).toHaveBeenCalledTimes(1));
    expect(mocks.importTranscript.mock.calls[0][3].previewed_sha256).toBe(`sha-of-${path.replace(/^.*\//, "")}`);
    await vi.waitFor(() => expect(backend.transcripts.length).toBe(before + 1));
  });

  it("shows why an import failed", async () => {
    backend.filesAnswer = ["/home/ann/gone.vtt"];
    const { user } = await openTranscript();
    await user.click(await screen.findByTestId("import-transcript"));
    await user.click(await screen.findByTestId("import-confirm"));
    const job = await screen.findByTestId("job");
    await vi.waitFor(() => expect(job.dataset.status).toBe("failed"));
    expect(within(job).getByTestId("job-error").textContent).toContain("/home/ann/gone.vtt: no such file");
  });

  it("imports transcript files dropped onto the window into the selected interview", async () => {
    backend.files.set("/home/ann/a.srt", { cues: EN });
    backend.files.set("/home/ann/b.vtt", { cues: RU });
    const user = userEvent.setup();
    await renderWindow();
    await user.click(screen.getAllByTestId("interview-row").find((tr) => tr.textContent?.includes("Books and letters"))!);
    backend.fileKinds.set("/home/ann/a.srt", "transcript").set("/home/ann/b.vtt", "transcript");
    backend.drop(["/home/ann/a.srt", "/home/ann/photo.jpg", "/home/ann/b.vtt"]);
    const dialog = await screen.findByTestId("import-dialog");
    expect(Array.from(within(dialog).getByTestId("import-files").querySelectorAll("li")).map((li) => li.textContent)).toEqual(["a.srt", "b.vtt"]);
    expect(screen.getByTestId("notice").textContent).toContain("Skipped photo.jpg");
    await user.click(within(dialog).getByTestId("import-confirm"));
    await vi.waitFor(() => expect(mocks.importTranscript).toHaveBeenCalledTimes(2));
    expect(mocks.importTranscript.mock.calls.map((c) => [c[1], c[2]])).toEqual([
      [s.books.id, "/home/ann/a.srt"],
      [s.books.id, "/home/ann/b.vtt"],
    ]);
    // The Transcript tab opens on what came in.
    expect(screen.getByTestId("tab-transcript").getAttribute("aria-selected")).toBe("true");
    await vi.waitFor(() => expect(screen.getAllByTestId("job").every((j) => j.dataset.status === "finished")).toBe(true));
  });

  it("adds a recording from the player's notice, and the player takes it", async () => {
    backend.addTranscript(s.books.id, "Notes", "en", [[1000, 2000, "", "Hello"]]);
    backend.filesAnswer = ["/home/ann/isaeva tape 1.wav"];
    const { user } = await openTranscript("Books and letters");
    await user.click(await screen.findByTestId("add-recording"));
    expect(mocks.chooseFiles).toHaveBeenCalledWith("Add recording", "recording", true);
    await vi.waitFor(() => expect(mocks.addRecording).toHaveBeenCalledWith(expect.any(String), s.books.id, "/home/ann/isaeva tape 1.wav", {}, expect.any(Function)));
    await vi.waitFor(() => expect(player().dataset.hasRecording).toBe("true"));
    expect(media$().getAttribute("src")).toContain(encodeURIComponent("isaeva tape 1.wav"));
    expect(within(screen.getByTestId("job")).getByTestId("job-result").textContent).toContain("Recording added to “Books and letters”");
  });

  it("adds recordings dropped onto the window at once, beside transcripts", async () => {
    backend.files.set("/home/ann/a.srt", { cues: EN });
    const user = userEvent.setup();
    await renderWindow();
    await user.click(screen.getAllByTestId("interview-row").find((tr) => tr.textContent?.includes("Books and letters"))!);
    backend.fileKinds.set("/home/ann/tape.mp3", "recording").set("/home/ann/a.srt", "transcript");
    backend.drop(["/home/ann/tape.mp3", "/home/ann/a.srt"]);
    await vi.waitFor(() => expect(mocks.addRecording).toHaveBeenCalledWith(expect.any(String), s.books.id, "/home/ann/tape.mp3", {}, expect.any(Function)));
    expect(within(await screen.findByTestId("import-dialog")).getByTestId("import-files").textContent).toBe("a.srt");
  });

  it("asks for an interview when files are dropped with none selected", async () => {
    await renderWindow();
    backend.fileKinds.set("/home/ann/a.srt", "transcript");
    backend.drop(["/home/ann/a.srt"]);
    expect((await screen.findByTestId("notice")).textContent).toContain("Select the interview the files belong to");
    expect(screen.queryByTestId("import-dialog")).toBeNull();
  });
});

describe("passages of a transcript", () => {
  const pick = (i: number) => within(segmentAt(i)).getByTestId("segment-pick");
  const span = (first: number, last: number) => ({
    type: "span" as const,
    transcript_id: ru.id,
    first_segment_id: stored()[first].id,
    last_segment_id: stored()[last].id,
  });

  it("picks segments into a passage, Shift extends it either way, and tags it", async () => {
    const tag = access().addTag("Childhood");
    const { user } = await openTranscript();
    await vi.waitFor(() => expect(segments()).toHaveLength(6));
    expect(screen.queryByTestId("passage")).toBeNull();
    await user.click(pick(3));
    await user.keyboard("{Shift>}");
    await user.click(pick(1));
    await user.keyboard("{/Shift}");
    expect(segments().map((x) => x.dataset.selected === "true")).toEqual([false, true, true, true, false, false]);
    expect(screen.getByTestId("passage-range").textContent).toBe("3 segments, 0:00:08–0:00:27");
    await user.click(screen.getByTestId("span-tag"));
    await user.type(screen.getByTestId("tag-input"), "Childh{Enter}");
    await vi.waitFor(() => expect(api.tagTarget).toHaveBeenCalledWith(tag.id, span(1, 3)));
    await user.click(screen.getByTestId("passage-clear"));
    expect(screen.queryByTestId("passage")).toBeNull();
    expect(segments().some((x) => x.dataset.selected === "true")).toBe(false);
  });

  it("keeps the segment just picked in view when the passage bar opens under the list", async () => {
    const many: Cue[] = Array.from({ length: 30 }, (_, i) => [i * 5000, i * 5000 + 4000, "СМИЛГА", `Отрывок ${i + 1}.`]);
    backend.addTranscript(s.books.id, "Long", "ru", many);
    const { user } = await openTranscript("Books and letters");
    await vi.waitFor(() => expect(segments().length).toBeGreaterThan(10));
    // jsdom lays nothing out: the list is 600 px tall, and the bar, once open, takes 200 of them.
    const viewport = screen.getByTestId("segment-list");
    Object.defineProperty(viewport, "clientHeight", { configurable: true, get: () => (screen.queryByTestId("passage") ? 400 : 600) });
    const rowOf = (n: number) => segments().find((x) => x.dataset.startMs === String((n - 1) * 5000))!.closest<HTMLElement>("[data-index]")!;
    // A segment in the lower part of the list, where the bar will be.
    const picked = [...Array(30).keys()].map((i) => i + 1).find((n) => {
      const r = rowOf(n);
      const bottom = parseFloat(rowOf(n + 1).style.top);
      return parseFloat(r.style.top) >= 400 - 100 && bottom > 400 && bottom <= 600;
    })!;
    expect(picked, "a segment whose foot the bar would cover").toBeDefined();
    expect(viewport.scrollTop).toBe(0);

    await user.click(within(rowOf(picked)).getByTestId("segment-pick"));
    await screen.findByTestId("passage");
    await vi.waitFor(() => {
      const top = parseFloat(rowOf(picked).style.top);
      const bottom = parseFloat(rowOf(picked + 1).style.top);
      expect(top).toBeGreaterThanOrEqual(viewport.scrollTop);
      expect(bottom, "the picked segment's foot is above the bar").toBeLessThanOrEqual(viewport.scrollTop + 400);
    });
  });

  it("lets a passage of one segment go when it is picked again", async () => {
    const { user } = await openTranscript();
    await vi.waitFor(() => expect(segments()).toHaveLength(6));
    await user.click(pick(2));
    expect(screen.getByTestId("passage-range").textContent).toBe("1 segment, 0:00:15–0:00:22");
    await user.click(pick(2));
    expect(screen.queryByTestId("passage")).toBeNull();
  });

  it("hatches what public output holds back: a sealed passage and a redacted one", async () => {
    const { user } = await openTranscript();
    await vi.waitFor(() => expect(segments()).toHaveLength(6));
    expect(screen.queryAllByTestId("segment-mark")).toHaveLength(0);
    await user.click(pick(1));
    await user.keyboard("{Shift>}");
    await user.click(pick(2));
    await user.keyboard("{/Shift}");
    await user.click(screen.getByTestId("span-seal"));
    const dialog = await screen.findByTestId("restrict-dialog");
    await user.type(within(dialog).getByTestId("restrict-reason"), "Names a living informer");
    await user.click(within(dialog).getByTestId("restrict-submit"));
    await vi.waitFor(() => expect(segments().map((x) => x.dataset.public ?? "")).toEqual(["", "sealed", "sealed", "", "", ""]));
    expect(within(segmentAt(1)).getByTestId("segment-mark").textContent).toContain("Sealed");

    await api.restrict({ target: span(4, 4), action: "redact", layer: "all", until: null, reason: "", replacement: "[address removed]" });
    await vi.waitFor(() => expect(segmentAt(4).dataset.public).toBe("redacted"));
    expect(within(segmentAt(4)).getByTestId("segment-mark").textContent).toContain("“[address removed]”");
  });

  it("says when the whole transcript is held back", async () => {
    access().restrictions.push({
      id: "r-whole",
      target: { type: "record", kind: "interview", id: s.two.id },
      action: "restrict",
      level: "closed",
      layer: "all",
      until: null,
      reason: "",
      replacement: null,
      created_at: "2026-01-02T10:00:00Z",
      updated_at: "2026-01-02T10:00:00Z",
    });
    await openTranscript();
    const held = (await screen.findByTestId("transcript-held")).textContent?.trim();
    expect(held).toBe("Public output holds this whole transcript back (closed by the curator): see the Access tab.");
    expect(held, "a notice in words, never a placeholder").not.toContain("[");
  });

  it("offers the known people a segment names as links, and links them", async () => {
    const radek = backend.addPerson("Карл Радек");
    const { user } = await openTranscript();
    await vi.waitFor(() => expect(within(segmentAt(5)).getAllByTestId("segment-mention").map((m) => m.textContent?.trim())).toEqual(["Карл Радек"]));
    expect(within(segmentAt(5)).getByTestId("segment-mention").dataset.linked).toBe("false");
    expect(screen.getByTestId("link-mentions").textContent).toContain("Link 1 mention");
    await user.click(within(segmentAt(5)).getByTestId("segment-mention"));
    await vi.waitFor(() =>
      expect(api.createLink).toHaveBeenCalledWith({ link_type: "mentions", from: span(5, 5), to: { type: "record", kind: "person", id: radek.id } }),
    );
    await vi.waitFor(() => expect(within(segmentAt(5)).getByTestId("segment-mention").dataset.linked).toBe("true"));
    expect(screen.queryByTestId("link-mentions")).toBeNull();
  });

  it("shows the transcript's history, passages included", async () => {
    const { user } = await openTranscript();
    await vi.waitFor(() => expect(segments()).toHaveLength(6));
    await user.click(screen.getByTestId("transcript-history"));
    await screen.findByTestId("transcript-history-dialog");
    expect(api.recordHistory).toHaveBeenCalledWith(ru.id);
  });
});
