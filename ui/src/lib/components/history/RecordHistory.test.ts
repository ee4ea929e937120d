import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../api", () => import("../../../test/fake-api"));

import { screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import type { HistoryEvent } from "../../api";
import { backend, reset } from "../../../test/fake-api";
import { renderWindow } from "../../../test/render";
import { seedLibrary } from "../../../test/seed-access";

let s: ReturnType<typeof seedLibrary>;
let n = 0;

beforeEach(() => {
  reset();
  s = seedLibrary();
});

function event(more: Partial<HistoryEvent> & Pick<HistoryEvent, "event_type" | "record_kind" | "record_id">): HistoryEvent {
  const e: HistoryEvent = { id: `ev-${++n}`, at: `2026-01-0${(n % 8) + 1}T10:00:00Z`, origin: "window", agent: "Ann", before: null, after: null, note: null, imported_from: null, ...more };
  backend.history.push(e);
  return e;
}

const lines = () => screen.getAllByTestId("history-event").map((e) => e.querySelector(".what")?.textContent?.trim());

async function openHistory(title: string) {
  const user = userEvent.setup();
  await renderWindow();
  await user.click(screen.getAllByTestId("interview-row").find((r) => r.textContent?.includes(title))!);
  await user.click(await screen.findByTestId("tab-history"));
  await screen.findByTestId("history");
  return user;
}

describe("the history of a record", () => {
  it("shows a modification as each changed field, before → after", async () => {
    const before = { id: s.two.id, title: "Two daughters", date: "1927", place: "", narrators: [{ id: s.tatiana.id, name: "Tatiana Smilga" }], updated_at: "a" };
    const after = { ...before, date: "1927-02~", place: "Moscow", narrators: [{ id: s.tatiana.id, name: "Tatiana Smilga" }, { id: s.zorya.id, name: "Zorya Serebryakova" }], updated_at: "b" };
    event({ event_type: "modification", record_kind: "interview", record_id: s.two.id, before: JSON.stringify(before), after: JSON.stringify(after), note: "Checked against the tape" });
    await openHistory("Two daughters");
    const e = screen.getByTestId("history-event");
    expect(e.querySelector(".what")?.textContent).toBe("Changed date, place, narrators");
    const rows = within(e)
      .getAllByTestId("history-change")
      .map((r) => [r.querySelector("th")?.textContent, r.querySelector("del")?.textContent, r.querySelector("ins")?.textContent]);
    expect(rows).toEqual([
      ["date", "1927", "1927-02~"],
      ["place", "—", "Moscow"],
      ["narrators", "Tatiana Smilga", "Tatiana Smilga, Zorya Serebryakova"],
    ]);
    expect(within(e).getByTestId("history-note").textContent).toBe("“Checked against the tape”");
    expect(e.textContent).toContain("Ann");
    expect(e.textContent).toContain("in the window");
  });

  it("reads every kind of event, newest first", async () => {
    const id = s.books.id;
    event({ event_type: "creation", record_kind: "interview", record_id: id, after: JSON.stringify({ title: "Books and letters" }), origin: "sample" });
    event({ event_type: "creation", record_kind: "tagging", record_id: "g1", after: JSON.stringify({ tag_id: s.exile.id, target: { type: "record", kind: "interview", id } }) });
    event({
      event_type: "creation",
      record_kind: "link",
      record_id: "l1",
      after: JSON.stringify({ link_type: "mentions", from: { type: "record", kind: "interview", id }, to: { type: "record", kind: "person", id: s.capek.id } }),
    });
    event({ event_type: "creation", record_kind: "citation", record_id: "c1", after: JSON.stringify({ source_id: s.north.id, locator: "p. 68", target: { type: "record", kind: "interview", id } }) });
    event({
      event_type: "restriction",
      record_kind: "restriction",
      record_id: "r1",
      after: JSON.stringify({ action: "restrict", level: "closed", layer: "text", until: "2030-01-01", target: { type: "record", kind: "interview", id } }),
      note: "Living relatives",
    });
    event({ event_type: "restriction", record_kind: "restriction", record_id: "r1", before: JSON.stringify({ action: "seal", level: "closed", layer: "all", until: null, target: { type: "span" } }), note: "Family agreed" });
    event({ event_type: "restriction", record_kind: "release_form", record_id: "f1", after: JSON.stringify({ status: "signed", terms: "closed_until_date", until: "2040-01-01" }) });
    event({ event_type: "ingestion", record_kind: "transcript", record_id: "t1", after: JSON.stringify({ label: "Russian original" }), origin: "import" });
    event({ event_type: "fixity_check", record_kind: "fixity_check", record_id: "x1", after: JSON.stringify({ name: "tape-1.wav", path: "/a" }) });
    event({ event_type: "merge", record_kind: "tagging", record_id: "g2", before: JSON.stringify({ tag_id: "gone" }), after: JSON.stringify({ tag_id: s.famine.id }) });
    event({ event_type: "export", record_kind: "package", record_id: "p1", after: JSON.stringify({ out: "/exports/Smilga", profile: "public" }) });
    event({ event_type: "deletion", record_kind: "tagging", record_id: "g1", before: JSON.stringify({ tag_id: s.exile.id, target: { type: "record", kind: "interview", id } }) });
    // recordHistory of the fake lists events whose record_id is the interview's; these speak of it.
    for (const e of backend.history) e.record_id = id;
    await openHistory("Books and letters");
    expect(lines()).toEqual([
      "Tag “Exile” removed",
      "Exported (public) to /exports/Smilga",
      "A tag merged into “Famine”",
      "File missing: tape-1.wav",
      "Transcript imported: “Russian original”",
      "Release form recorded: signed, closed until 2040-01-01",
      "Restriction lifted: Sealed a passage",
      "Restricted: Closed (text) until 2030-01-01",
      "Cited David North, “The Heritage We Defend”, 1988, p. 68",
      "Linked: mentions Karel Čapek",
      "Tagged “Exile”",
      "Created as “Books and letters”",
    ]);
    const notes = screen.getAllByTestId("history-note").map((n) => n.textContent);
    expect(notes).toEqual(["“Family agreed”", "“Living relatives”"]);
    expect(screen.getAllByTestId("history-event").at(-1)?.textContent).toContain("with the sample archive");
  });

  it("an event that came with a package says so and never reads as made here", async () => {
    event({
      event_type: "modification",
      record_kind: "interview",
      record_id: s.two.id,
      before: JSON.stringify({ place: "" }),
      after: JSON.stringify({ place: "Moscow" }),
      agent: "Mallory",
      origin: "window",
      imported_from: { package: "0190e0c0-0000-7000-8000-00000000beef", imported_on: "2026-12-01" },
    });
    event({ event_type: "creation", record_kind: "interview", record_id: s.two.id, after: JSON.stringify({ title: "Two daughters" }) });
    await openHistory("Two daughters");
    const [local, imported] = screen.getAllByTestId("history-event");
    expect(local.textContent).toContain("in the window");
    expect(local.textContent).not.toContain("another archive");
    expect(within(local).queryByTestId("history-imported")).toBeNull();
    expect(imported.textContent).toContain("Mallory");
    expect(imported.textContent).toContain("in the window of another archive");
    expect(within(imported).getByTestId("history-imported").textContent).toBe(
      "Came with package 0190e0c0-0000-7000-8000-00000000beef, imported on 2026-12-01",
    );
  });

  it("has a history for people too", async () => {
    event({
      event_type: "modification",
      record_kind: "person",
      record_id: s.capek.id,
      before: JSON.stringify({ display_name: "Karel Capek", death_date: null }),
      after: JSON.stringify({ display_name: "Karel Čapek", death_date: "1938" }),
    });
    const user = userEvent.setup();
    await renderWindow();
    await user.click(screen.getByTestId("nav-people"));
    await user.click(screen.getAllByTestId("person-row").find((r) => r.textContent?.includes("Čapek"))!);
    const details = await screen.findByTestId("person-history");
    await user.click(within(details).getByText("History"));
    await vi.waitFor(() => expect(lines()).toEqual(["Changed name, death date"]));
    const rows = screen.getAllByTestId("history-change").map((r) => [r.querySelector("th")?.textContent, r.querySelector("del")?.textContent, r.querySelector("ins")?.textContent]);
    expect(rows).toEqual([
      ["name", "Karel Capek", "Karel Čapek"],
      ["death date", "—", "1938"],
    ]);
  });
});
