import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../api", () => import("../../../test/fake-api"));

import { screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import * as api from "../../api";
import { access, reset } from "../../../test/fake-api";
import { renderWindow } from "../../../test/render";
import { rec, seedLibrary } from "../../../test/seed-access";

let s: ReturnType<typeof seedLibrary>;

beforeEach(() => {
  reset();
  s = seedLibrary();
});

async function openAccess(title: string) {
  const user = userEvent.setup();
  const r = await renderWindow();
  await user.click(screen.getAllByTestId("interview-row").find((tr) => tr.textContent?.includes(title))!);
  await user.click(await screen.findByTestId("tab-access"));
  const tab = await screen.findByTestId("access-tab");
  return { user, tab, ...r };
}

const text = (id: string) => screen.getByTestId(id).textContent?.replace(/\s+/g, " ").trim();

describe("the Access tab", () => {
  it("says an interview with nothing restricting it is open", async () => {
    await openAccess("Books and letters");
    await vi.waitFor(() => expect(text("access-level")).toBe("Open"));
    expect(text("access-lifts")).toContain("Nothing restricts it");
    expect(api.effectiveAccess).toHaveBeenCalledWith(rec("interview", s.books.id));
  });

  it("shows the effective access, when it lifts, and why, with where each rule is set", async () => {
    const a = access();
    a.addForm({ kind: "person", id: s.tatiana.id }, { status: "signed", terms: "closed_until_date", until: "2031-01-01" });
    a.addRestriction(rec("interview", s.two.id), { level: "restricted", layer: "audio", until: "2028-06-01", reason: "family request" });
    await openAccess("Two daughters");
    await vi.waitFor(() => expect(text("access-level")).toBe("Closed"));
    expect(text("access-record")).toBe("Closed");
    expect(text("access-audio")).toBe("Closed");
    expect(text("access-lifts")).toBe("Everything that restricts it lifts on 2031-01-01.");
    const reasons = screen.getAllByTestId("access-reason").map((r) => r.textContent?.replace(/\s+/g, " ").trim());
    expect(reasons).toEqual([
      "Restricted · audio only restricted by the curator (audio) until 2028-06-01: family request set on this record",
      "Closed closed until 2031-01-01 (release form) the narrator's release form",
    ]);
  });

  it("lists the restrictions set on it, and lifts one saying why", async () => {
    const r = access().addRestriction(rec("interview", s.two.id), { level: "closed", reason: "living relatives" });
    const { user } = await openAccess("Two daughters");
    const row = await screen.findByTestId("restriction-row");
    expect(row.textContent).toContain("Closed");
    expect(row.textContent).toContain("living relatives");
    await user.click(within(row).getByTestId("restriction-lift"));
    const dialog = await screen.findByTestId("lift-dialog");
    await user.type(within(dialog).getByTestId("lift-dialog-input"), "Family agreed in 2026");
    await user.click(within(dialog).getByTestId("lift-dialog-ok"));
    await vi.waitFor(() => expect(api.liftRestriction).toHaveBeenCalledWith(r.id, "Family agreed in 2026"));
    await vi.waitFor(() => expect(screen.queryByTestId("restriction-row")).toBeNull());
    await vi.waitFor(() => expect(text("access-level")).toBe("Open"));
  });

  it("restricts the interview with the level, part, end day and reason chosen", async () => {
    const { user } = await openAccess("Books and letters");
    await user.click(screen.getByTestId("restrict-open"));
    const dialog = await screen.findByTestId("restrict-dialog");
    expect(dialog.textContent).toContain("Restrict “Books and letters”");
    await user.click(within(dialog).getByTestId("restrict-level-closed"));
    await user.selectOptions(within(dialog).getByTestId("restrict-layer"), "text");
    await user.type(within(dialog).getByTestId("restrict-until"), "2030-01-01");
    await user.type(within(dialog).getByTestId("restrict-reason"), "Names of living informers");
    await user.click(within(dialog).getByTestId("restrict-submit"));
    await vi.waitFor(() =>
      expect(api.restrict).toHaveBeenCalledWith({
        target: { type: "record", kind: "interview", id: s.books.id },
        action: "restrict",
        level: "closed",
        layer: "text",
        until: "2030-01-01",
        reason: "Names of living informers",
        replacement: null,
      }),
    );
    await vi.waitFor(() => expect(screen.queryByTestId("restrict-dialog")).toBeNull());
    await vi.waitFor(() => expect(text("access-level")).toBe("Partly withheld: its text withheld"));
    expect(screen.getByTestId("restriction-row").textContent).toContain("Closed (text) until 2030-01-01");
  });

  it("keeps the dialog open with the backend's message under a bad day", async () => {
    const { user } = await openAccess("Books and letters");
    await user.click(screen.getByTestId("restrict-open"));
    const dialog = await screen.findByTestId("restrict-dialog");
    await user.type(within(dialog).getByTestId("restrict-until"), "next spring");
    await user.click(within(dialog).getByTestId("restrict-submit"));
    expect((await within(dialog).findByTestId("field-error")).textContent).toBe('"next spring" is not a day; write it as YYYY-MM-DD, e.g. 2030-01-01');
    expect(screen.getByTestId("restrict-dialog")).toBeTruthy();
  });

  it("shows a lock badge with the reason on restricted rows of the interview list", async () => {
    access().addForm({ kind: "interview", id: s.winter.id }, { status: "declined" });
    access().addRestriction(rec("interview", s.books.id), { level: "restricted", reason: "" });
    await renderWindow();
    await vi.waitFor(() => expect(screen.getAllByTestId("lock-badge")).toHaveLength(2));
    const badge = (title: string) =>
      within(screen.getAllByTestId("interview-row").find((r) => r.textContent?.includes(title))!).queryByTestId("lock-badge");
    expect(badge("A winter in Leningrad")?.getAttribute("title")).toBe("Closed: none of it goes into a public package. Release declined (release form).");
    expect(badge("A winter in Leningrad")?.classList.contains("closed")).toBe(true);
    expect(badge("Books and letters")?.getAttribute("title")).toBe("Restricted: none of it goes into a public package. Restricted by the curator.");
    expect(badge("Zhenya remembers")).toBeNull();
  });
});

describe("release forms", () => {
  it("records a signed form closed until a date, asking for the date", async () => {
    const { user } = await openAccess("Books and letters");
    await user.click(await screen.findByTestId("release-add"));
    const form = screen.getByTestId("release-form");
    expect((within(form).getByTestId("release-status") as HTMLSelectElement).value).toBe("signed");
    expect(within(form).queryByTestId("release-until")).toBeNull();
    await user.click(within(form).getByTestId("release-terms-closed_until_date"));
    await user.type(within(form).getByTestId("release-signed-on"), "2019-05-02");
    await user.click(within(form).getByTestId("release-save"));
    expect((await within(form).findByTestId("field-error")).textContent).toBe("Closed until a date: give the date, as YYYY-MM-DD");
    await user.type(within(form).getByTestId("release-until"), "2040-01-01");
    await user.type(within(form).getByTestId("release-note"), "Original in the safe");
    await user.click(within(form).getByTestId("release-save"));
    await vi.waitFor(() =>
      expect(api.addReleaseForm).toHaveBeenLastCalledWith({
        subject: { kind: "interview", id: s.books.id },
        status: "signed",
        signed_on: "2019-05-02",
        terms: "closed_until_date",
        until: "2040-01-01",
        narrator_id: null,
        document_id: null,
        note: "Original in the safe",
      }),
    );
    const row = await screen.findByTestId("release-row");
    expect(row.textContent).toContain("Closed until 2040-01-01");
    expect(row.textContent).toContain("signed 2019-05-02");
    await vi.waitFor(() => expect(text("access-level")).toBe("Closed"));
  });

  it("offers every term, a day for partial terms, and asks whose death when there are two narrators", async () => {
    const { user } = await openAccess("Zhenya remembers");
    await user.click(await screen.findByTestId("release-add"));
    const form = screen.getByTestId("release-form");
    const terms = within(form)
      .getAllByRole("radio")
      .map((r) => r.closest("label")?.querySelector("strong")?.textContent);
    expect(terms).toEqual([
      "Open",
      "Closed until a date",
      "Closed until the narrator's death",
      "Transcript closed, audio open",
      "Audio closed, transcript open",
    ]);
    await user.click(within(form).getByTestId("release-terms-transcript_closed_audio_open"));
    expect(within(form).getByText("Until (optional)")).toBeTruthy();
    await user.click(within(form).getByTestId("release-terms-closed_until_death"));
    const narrator = within(form).getByTestId("release-narrator") as HTMLSelectElement;
    expect(Array.from(narrator.options).map((o) => o.textContent)).toEqual(["Zorya Serebryakova", "Tatiana Smilga"]);
    await user.selectOptions(narrator, s.tatiana.id);
    await user.click(within(form).getByTestId("release-save"));
    await vi.waitFor(() => expect(api.addReleaseForm).toHaveBeenCalled());
    expect(vi.mocked(api.addReleaseForm).mock.calls[0][0]).toMatchObject({ terms: "closed_until_death", narrator_id: s.tatiana.id, until: null });
  });

  it("edits a pending form once it comes back signed, and shows the narrator's own forms", async () => {
    const f = access().addForm({ kind: "interview", id: s.books.id }, { status: "pending" });
    access().addForm({ kind: "person", id: s.isaeva.id }, { status: "signed", terms: "open", signed_on: "2018-01-01" });
    const { user } = await openAccess("Books and letters");
    await vi.waitFor(() => expect(screen.getAllByTestId("release-row")).toHaveLength(2));
    const rows = screen.getAllByTestId("release-row").map((r) => r.textContent?.replace(/\s+/g, " "));
    expect(rows[0]).toContain("Pending");
    expect(rows[1]).toContain("Tatiana Isaeva's form, for all their interviews");
    await vi.waitFor(() => expect(text("access-level")).toBe("Restricted"));
    await user.click(within(screen.getAllByTestId("release-row")[0]).getByTestId("release-edit"));
    const form = screen.getByTestId("release-form");
    expect((within(form).getByTestId("release-status") as HTMLSelectElement).value).toBe("pending");
    await user.selectOptions(within(form).getByTestId("release-status"), "signed");
    await user.click(within(form).getByTestId("release-save"));
    await vi.waitFor(() => expect(api.updateReleaseForm).toHaveBeenCalledWith(f.id, expect.objectContaining({ status: "signed", terms: "open" })));
    await vi.waitFor(() => expect(text("access-level")).toBe("Open"));
  });
});
