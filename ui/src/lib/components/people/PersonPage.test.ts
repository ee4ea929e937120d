import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../api", () => import("../../../test/fake-api"));

import { fireEvent, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { backend, mocks, reset, type Cue } from "../../../test/fake-api";
import { photoMocks, photosOf, seedGroupPhoto } from "../../../test/fake-photos";
import { mockMedia } from "../../../test/media";
import { renderWindow, seedSample } from "../../../test/render";

let s: ReturnType<typeof seedSample>;
let g: ReturnType<typeof seedGroupPhoto>;

beforeEach(() => {
  reset();
  s = seedSample();
  g = seedGroupPhoto();
});

async function openPage(name: string) {
  const user = userEvent.setup();
  const r = await renderWindow();
  await user.click(screen.getByTestId("nav-people"));
  const row = screen.getAllByTestId("person-row").find((tr) => tr.textContent?.includes(name.split(" ").at(-1)!))!;
  await user.click(row);
  await user.click(await screen.findByTestId("open-person-page"));
  await screen.findByTestId("person-page");
  await vi.waitFor(() => expect(screen.getByTestId("person-title").textContent).toBe(name));
  // The authority has answered.
  await screen.findByTestId("variant-input");
  return { user, ...r };
}

const texts = (id: string) => screen.queryAllByTestId(id).map((el) => el.textContent?.replace(/\s+/g, " ").trim());

describe("the person page", () => {
  it("shows every spelling with its script and kind, and relationships from this person's side", async () => {
    const { user } = await openPage("Leonid Serebryakov");
    expect(screen.getByTestId("person-dates").textContent).toBe("1888–1937");
    expect(texts("variant")).toEqual([
      "Леонид Петрович Серебряков Cyrillic Original script",
      "Leonid Serebrjakow Latin Transliteration · German (Duden)",
    ]);
    expect(texts("relation")).toEqual(["Parent of Zorya Serebryakova"]);

    // The same relationship, seen from the daughter's page.
    await user.click(within(screen.getByTestId("relation")).getByTestId("relation-person"));
    await vi.waitFor(() => expect(screen.getByTestId("person-title").textContent).toBe("Zorya Serebryakova"));
    await vi.waitFor(() => expect(texts("relation")).toEqual(["Child of Leonid Serebryakov"]));
    expect(texts("variant")).toContain("Zorya Serebrayakova Latin Misspelling · Rogovin 1998");
    // Her interviews are listed too.
    expect(screen.getByTestId("person-page-interviews").textContent).toContain("A winter in Leningrad");

    // Back returns to his page.
    await user.click(screen.getByTestId("person-back"));
    await vi.waitFor(() => expect(screen.getByTestId("person-title").textContent).toBe("Leonid Serebryakov"));
  });

  it("adds and removes spellings", async () => {
    const { user } = await openPage("Karl Radek");
    await user.type(screen.getByTestId("variant-input"), "Karl Radek");
    await user.clear(screen.getByTestId("variant-input"));
    await user.type(screen.getByTestId("variant-input"), "Radeck");
    await user.selectOptions(screen.getByTestId("variant-kind-select"), "misspelling");
    await user.type(screen.getByTestId("variant-source"), "New York Times, 1927");
    await user.click(screen.getByTestId("variant-add"));
    await vi.waitFor(() => expect(texts("variant")).toContain("Radeck Latin Misspelling · New York Times, 1927"));
    expect(photoMocks.addNameVariant).toHaveBeenCalledWith(g.radek.id, { name: "Radeck", kind: "misspelling", system: null, source: "New York Times, 1927", script: null });

    const radeck = screen.getAllByTestId("variant").find((v) => v.textContent?.includes("Radeck"))!;
    await user.click(within(radeck).getByTestId("variant-remove"));
    await vi.waitFor(() => expect(texts("variant").some((t) => t?.includes("Radeck"))).toBe(false));
  });

  it("adds a relationship with a person found by any spelling", async () => {
    const { user } = await openPage("Leon Trotsky");
    await user.selectOptions(screen.getByTestId("relation-kind"), "associate_of");
    await user.type(screen.getByTestId("relation-person-search-input"), "Радек");
    await user.click(await screen.findByRole("option", { name: /Karl Radek/ }));
    expect(screen.getByTestId("relation-chosen").textContent).toContain("Karl Radek");
    await user.click(screen.getByTestId("relation-add"));
    await vi.waitFor(() => expect(texts("relation")).toEqual(["Associate of Karl Radek"]));
    expect(photoMocks.relatePeople).toHaveBeenCalledWith(g.trotsky.id, "associate_of", g.radek.id, "");
  });

  it("keeps identifiers as text", async () => {
    const { user } = await openPage("Leon Trotsky");
    await user.type(screen.getByTestId("identifier-input"), "Q33391");
    await user.click(screen.getByTestId("identifier-add"));
    await vi.waitFor(() => expect(texts("identifier")).toEqual(["Wikidata Q33391"]));
    expect(photoMocks.setPersonIdentifiers).toHaveBeenCalledWith(g.trotsky.id, [{ scheme: "wikidata", value: "Q33391" }]);
    expect(screen.getByTestId("person-page").querySelector("a[href]")).toBeNull();
  });

  it("lists the photos they are in, with their region outlined", async () => {
    g.d.addRegion(g.photo.id, { rect: { x: 200, y: 100, width: 120, height: 180 }, person_id: g.radek.id, label: "Radek" });
    const { user } = await openPage("Karl Radek");
    const photo = await screen.findByTestId("person-photo");
    const outline = within(photo).getByTestId("person-photo-region");
    expect([outline.style.left, outline.style.top, outline.style.width, outline.style.height]).toEqual(["25%", "20%", "15%", "36%"]);
    expect(photoMocks.personAppearances).toHaveBeenCalledWith(g.radek.id);

    // It opens the photo in the viewer.
    await user.click(photo);
    await screen.findByTestId("photo-viewer");
  });

  it("merges a possible duplicate into this person after confirming", async () => {
    const radec = backend.addPerson("Karl Radec");
    const { user } = await openPage("Karl Radek");
    const dup = await screen.findByTestId("duplicate");
    expect(dup.textContent).toContain("Karl Radec");

    await user.click(within(dup).getByTestId("merge"));
    const dialog = screen.getByTestId("confirm-dialog");
    expect(dialog.textContent).toContain("Merge “Karl Radec” into “Karl Radek”?");
    await user.click(within(dialog).getByTestId("confirm-cancel"));
    expect(photoMocks.mergePeople).not.toHaveBeenCalled();

    await user.click(within(screen.getByTestId("duplicate")).getByTestId("merge"));
    await user.click(within(screen.getByTestId("confirm-dialog")).getByTestId("confirm-ok"));
    await vi.waitFor(() => expect(photoMocks.mergePeople).toHaveBeenCalledWith(g.radek.id, radec.id));
    await vi.waitFor(() => expect(screen.queryByTestId("duplicate")).toBeNull());
    expect(screen.getByTestId("person-title").textContent).toBe("Karl Radek");
    await vi.waitFor(() => expect(mocks.listPeople).toHaveBeenCalled());
  });

  it("is opened from a region on a photo", async () => {
    g.d.addRegion(g.photo.id, { rect: { x: 10, y: 20, width: 30, height: 40 }, person_id: g.trotsky.id });
    const user = userEvent.setup();
    await renderWindow();
    await user.click(screen.getByTestId("nav-photos"));
    await user.click(await screen.findByTestId("photo-tile"));
    // The image read (jsdom reads none): only then are its regions drawn.
    await fireEvent.load(await vi.waitFor(() => screen.getByTestId("photo-image").querySelector("img")!));
    await user.click(await screen.findByTestId("region"));
    await user.click(screen.getByTestId("region-person-link"));
    await vi.waitFor(() => expect(screen.getByTestId("person-title").textContent).toBe("Leon Trotsky"));
    await user.click(screen.getByTestId("person-back"));
    await screen.findByTestId("photo-viewer");
    void s;
  });
});

describe("where a person is mentioned", () => {
  const RU: Cue[] = [
    [2_000, 6_000, "Interviewer", "Where did you live in the twenties?"],
    [42_000, 48_000, "Tatiana Smilga", "Мы жили в Кремле, рядом с Троцким, до самой ссылки отца."],
    [56_000, 59_000, "Tatiana Smilga", "Trotskii wrote to him there."],
  ];

  /** Seeds what the core answers for Trotsky: two passages of "Two daughters", and "Books and letters" linked whole. */
  function seedTrotskyMentions() {
    const t = backend.addTranscript(s.two.id, "Russian original", "ru", RU);
    backend.addRecording(s.two.id);
    const [, kremlin, letter] = backend.segments.get(t.id)!;
    photosOf().mentioned.set(g.trotsky.id, {
      person_id: g.trotsky.id,
      passages: 2,
      interviews: [
        { interview_id: s.books.id, title: "Books and letters", date: null, linked: true, passages: [] },
        {
          interview_id: s.two.id,
          title: "Two daughters",
          date: "1927-02~",
          linked: false,
          passages: [
            { transcript_id: t.id, language: "ru", segment_id: kremlin.id, start_ms: 42_000, end_ms: 48_000, speaker: "Tatiana Smilga", snippet: kremlin.text, marks: [{ start: 26, end: 33 }], named_as: "Троцким", linked: false },
            { transcript_id: t.id, language: "ru", segment_id: letter.id, start_ms: 56_000, end_ms: 59_000, speaker: "Tatiana Smilga", snippet: letter.text, marks: [{ start: 0, end: 8 }], named_as: "Trotskii", linked: false },
          ],
        },
      ],
    });
  }

  it("lists every interview and passage that mentions them, apart from the interviews they take part in", async () => {
    seedTrotskyMentions();
    await openPage("Leon Trotsky");
    const section = await screen.findByTestId("person-mentions");
    await vi.waitFor(() => expect(within(section).getAllByTestId("mention-interview")).toHaveLength(2));
    expect(photoMocks.personMentions).toHaveBeenCalledWith(g.trotsky.id);
    expect(within(section).getByTestId("person-mentions-summary").textContent).toMatch(/2 passages in 2 interviews/);
    const [books, two] = within(section).getAllByTestId("mention-interview");
    expect(books.textContent).toContain("Books and letters");
    expect(books.textContent).toContain("linked as mentioning them");
    expect(two.textContent).toContain("Two daughters");
    const passages = within(two).getAllByTestId("mention-passage");
    expect(passages.map((p) => p.dataset.startMs)).toEqual(["42000", "56000"]);
    expect(passages.map((p) => within(p).getByTestId("mention-play").textContent?.replace(/\s+/g, " ").trim())).toEqual([
      "▶ 0:42, play from here",
      "▶ 0:56, play from here",
    ]);
    expect(passages.map((p) => p.querySelector("mark")?.textContent)).toEqual(["Троцким", "Trotskii"]);
    // He narrates nothing, but the page does not say he is in no interview.
    expect(screen.getByTestId("person-page-no-roles").textContent).toBe("Not a narrator or interviewer of any interview.");
    expect(screen.getByTestId("person-page").textContent).not.toMatch(/in no interview/i);
  });

  it("plays the interview from a passage's time", async () => {
    const media = mockMedia();
    try {
      seedTrotskyMentions();
      const { user, store } = await openPage("Leon Trotsky");
      const [, two] = await vi.waitFor(() => {
        const found = screen.getAllByTestId("mention-interview");
        expect(found).toHaveLength(2);
        return found;
      });
      await user.click(within(two).getAllByTestId("mention-play")[0]);

      await vi.waitFor(() => expect(store.selectedIds).toEqual([s.two.id]));
      expect(screen.queryByTestId("person-page")).toBeNull();
      expect(screen.getByTestId("tab-transcript").getAttribute("aria-selected")).toBe("true");
      const segment = await vi.waitFor(() => {
        const found = screen.getAllByTestId("segment").find((el) => el.dataset.startMs === "42000");
        expect(found).toBeTruthy();
        return found!;
      });
      await vi.waitFor(() => expect(segment.dataset.target).toBe("true"));
      expect(screen.getByTestId("player").dataset.positionMs).toBe("42000");
      await vi.waitFor(() => expect(media.play).toHaveBeenCalled());
    } finally {
      media.restore();
    }
  });

  it("says so when no transcript mentions them", async () => {
    await openPage("Karl Radek");
    const section = await screen.findByTestId("person-mentions");
    await vi.waitFor(() => expect(within(section).getByTestId("person-mentions-none").textContent).toContain("No transcript names Karl Radek yet"));
    expect(within(section).queryAllByTestId("mention-interview")).toHaveLength(0);
  });

  it("counts each person's mentions in the People list, as the core counts them", async () => {
    seedTrotskyMentions();
    const user = userEvent.setup();
    await renderWindow();
    await user.click(screen.getByTestId("nav-people"));
    const row = (name: string) => screen.getAllByTestId("person-row").find((tr) => tr.textContent?.includes(name))!;
    await vi.waitFor(() => expect(within(row("Trotsky")).getByTestId("person-mentions-count").textContent).toBe("2"));
    expect(within(row("Trotsky")).getByTestId("person-mentions-count").getAttribute("title")).toBe("Mentioned in 2 passages of 2 interviews");
    expect(within(row("Radek")).getByTestId("person-mentions-count").textContent).toBe("0");
    expect(screen.getByRole("columnheader", { name: /Mentions/ })).toBeTruthy();
  });

  it("shows the mentions in the People view's editor too, without saying 'in no interview'", async () => {
    seedTrotskyMentions();
    const user = userEvent.setup();
    await renderWindow();
    await user.click(screen.getByTestId("nav-people"));
    await user.click(screen.getAllByTestId("person-row").find((tr) => tr.textContent?.includes("Trotsky"))!);
    const section = await screen.findByTestId("person-mentions");
    await vi.waitFor(() => expect(within(section).getAllByTestId("mention-passage")).toHaveLength(2));
    expect(screen.getByTestId("person-editor").textContent).not.toMatch(/in no interview/i);
  });
});
