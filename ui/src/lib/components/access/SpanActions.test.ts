import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../api", () => import("../../../test/fake-api"));

import { screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import * as api from "../../api";
import { access, reset } from "../../../test/fake-api";
import { renderWithLibrary } from "../../../test/render-access";
import { seedLibrary } from "../../../test/seed-access";
import SpanActions from "./SpanActions.svelte";

let s: ReturnType<typeof seedLibrary>;

beforeEach(() => {
  reset();
  s = seedLibrary();
});

async function setup(first = 1, last = 2) {
  const user = userEvent.setup();
  const onchange = vi.fn();
  const r = await renderWithLibrary(SpanActions, {
    transcriptId: s.transcript.id,
    firstSegmentId: s.segs[first].id,
    lastSegmentId: s.segs[last].id,
    onchange,
  });
  return { user, onchange, ...r };
}

const span = (first: number, last: number) => ({
  type: "span" as const,
  transcript_id: s.transcript.id,
  first_segment_id: s.segs[first].id,
  last_segment_id: s.segs[last].id,
});

describe("actions on a passage of a transcript", () => {
  it("offers tag, link, cite, restrict, seal and redact", async () => {
    await setup();
    const bar = screen.getByRole("toolbar", { name: "Passage" });
    expect(within(bar).getAllByRole("button").map((b) => b.textContent?.trim())).toEqual(["Tag", "Link", "Cite", "Restrict…", "Seal…", "Redact…"]);
  });

  it("tags the passage, by its transcript and first and last segments", async () => {
    const { user } = await setup(0, 0);
    await user.click(screen.getByTestId("span-tag"));
    await user.type(screen.getByTestId("tag-input"), "fam{Enter}");
    await vi.waitFor(() => expect(api.tagTarget).toHaveBeenCalledWith(s.famine.id, span(0, 0)));
    await vi.waitFor(() => expect(screen.getAllByTestId("tag-chip").map((c) => c.querySelector("span")?.textContent)).toEqual(["Famine"]));
  });

  it("shows the tags already on the passage, not the transcript's other passages'", async () => {
    const { user } = await setup(1, 2);
    await user.click(screen.getByTestId("span-tag"));
    await vi.waitFor(() => expect(screen.getAllByTestId("tag-chip").map((c) => c.querySelector("span")?.textContent)).toEqual(["Exile"]));
  });

  it("seals the passage with a reason", async () => {
    const { user, onchange } = await setup();
    await user.click(screen.getByTestId("span-seal"));
    const dialog = await screen.findByTestId("restrict-dialog");
    expect(dialog.textContent).toContain("Seal this passage");
    expect(within(dialog).queryByTestId("restrict-level-closed")).toBeNull();
    await user.type(within(dialog).getByTestId("restrict-reason"), "Names a living informer");
    await user.click(within(dialog).getByTestId("restrict-submit"));
    await vi.waitFor(() =>
      expect(api.restrict).toHaveBeenCalledWith({
        target: span(1, 2),
        action: "seal",
        level: undefined,
        layer: "all",
        until: null,
        reason: "Names a living informer",
        replacement: null,
      }),
    );
    expect(onchange).toHaveBeenCalled();
    await vi.waitFor(() => expect(screen.getByTestId("span-access").textContent).toContain("sealed: Names a living informer"));
  });

  it("redacts the passage with the text to show instead", async () => {
    const { user } = await setup(2, 2);
    await user.click(screen.getByTestId("span-redact"));
    const dialog = await screen.findByTestId("restrict-dialog");
    const replacement = within(dialog).getByTestId("restrict-replacement");
    expect((replacement as HTMLInputElement).value).toBe("[redacted]");
    await user.clear(replacement);
    await user.type(replacement, "[[name withheld]");
    await user.click(within(dialog).getByTestId("restrict-submit"));
    await vi.waitFor(() => expect(api.restrict).toHaveBeenCalledWith(expect.objectContaining({ target: span(2, 2), action: "redact", replacement: "[name withheld]" })));
    await vi.waitFor(() => expect(screen.getByTestId("span-access").textContent).toContain("Redacted in public output as “[name withheld]”"));
  });

  it("restricts the passage to researchers", async () => {
    const { user } = await setup();
    await user.click(screen.getByTestId("span-restrict"));
    const dialog = await screen.findByTestId("restrict-dialog");
    await user.click(within(dialog).getByTestId("restrict-submit"));
    await vi.waitFor(() => expect(api.restrict).toHaveBeenCalledWith(expect.objectContaining({ target: span(1, 2), action: "restrict", level: "restricted" })));
    expect(access().restrictions).toHaveLength(1);
  });

  it("links the passage to a person found by name", async () => {
    const { user } = await setup();
    await user.click(screen.getByTestId("span-link"));
    await user.selectOptions(screen.getByTestId("link-type"), "mentions");
    await user.type(screen.getByTestId("link-target-input"), "capek");
    await user.click(await screen.findByTestId("link-target-option"));
    await user.click(screen.getByTestId("link-submit"));
    await vi.waitFor(() =>
      expect(api.createLink).toHaveBeenCalledWith({ link_type: "mentions", from: span(1, 2), to: { type: "record", kind: "person", id: s.capek.id }, note: "" }),
    );
    await vi.waitFor(() => expect(screen.queryByTestId("link-form")).toBeNull());
  });

  it("lists the links at the passage, not those at the transcript's other passages", async () => {
    await api.createLink({ link_type: "mentions", from: span(1, 2), to: { type: "record", kind: "person", id: s.capek.id } });
    await api.createLink({ link_type: "related_to", from: span(0, 0), to: { type: "record", kind: "interview", id: s.two.id } });
    const { user } = await setup(1, 2);
    await user.click(screen.getByTestId("span-link"));
    expect(screen.getByTestId("link-form")).toBeTruthy();
    await vi.waitFor(() => expect(screen.getAllByTestId("link-row").map((r) => r.textContent?.replace(/\s+/g, " ").trim())).toEqual(["Mentions Karel Čapek"]));
  });

  it("cites a source from the passage, with the page and the work it is quoted in", async () => {
    const { user } = await setup();
    await user.click(screen.getByTestId("span-cite"));
    await user.selectOptions(screen.getByTestId("cite-source"), s.north.id);
    await user.type(screen.getByTestId("cite-locator"), "p. 68");
    await user.selectOptions(screen.getByTestId("cite-quoted-in"), s.rogovin.id);
    await user.type(screen.getByTestId("cite-quoted-locator"), "p. 186");
    await user.click(screen.getByTestId("cite-submit"));
    await vi.waitFor(() =>
      expect(api.cite).toHaveBeenCalledWith({
        source_id: s.north.id,
        target: span(1, 2),
        locator: "p. 68",
        quoted_in_id: s.rogovin.id,
        quoted_in_locator: "p. 186",
        note: "",
      }),
    );
  });
});
