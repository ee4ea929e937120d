import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../api", () => import("../../../test/fake-api"));

import { screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import * as api from "../../api";
import { ApiError } from "../../api/errors";
import { access, backend, reset } from "../../../test/fake-api";
import { renderWindow, seedSample } from "../../../test/render";

let s: ReturnType<typeof seedSample>;

beforeEach(() => {
  reset();
  s = seedSample();
});

async function openAccessions(title: string) {
  const user = userEvent.setup();
  const r = await renderWindow();
  await user.click(screen.getAllByTestId("interview-row").find((tr) => tr.textContent?.includes(title))!);
  await user.click(await screen.findByTestId("tab-access"));
  const section = await screen.findByTestId("accessions");
  return { user, section, ...r };
}

const flat = (el: Element) => el.textContent?.replace(/\s+/g, " ").trim();

describe("accessions on the Access tab", () => {
  it("records an accession of the interview, its donor linked to a person of the archive", async () => {
    const { user, section } = await openAccessions("Books and letters");
    await vi.waitFor(() => expect(flat(section)).toContain("Not recorded as part of an accession"));
    await user.click(within(section).getByTestId("accession-add"));
    const form = within(section).getByTestId("accession-form");
    await user.type(within(form).getByTestId("accession-identifier"), "2024.001");
    await user.selectOptions(within(form).getByTestId("accession-method"), "deposit");
    await user.type(within(form).getByTestId("accession-donor-search-input"), "Isaeva");
    await user.click(await screen.findByRole("option", { name: /Tatiana Isaeva/ }));
    expect(flat(within(form).getByTestId("accession-donor-person"))).toContain("In the archive as Tatiana Isaeva");
    expect((within(form).getByTestId("accession-donor") as HTMLInputElement).value).toBe("Tatiana Isaeva");
    await user.type(within(form).getByTestId("accession-received"), "2024-03~");
    await user.type(within(form).getByTestId("accession-note"), "Two cassettes and letters");
    await user.click(within(form).getByTestId("accession-save"));
    await vi.waitFor(() =>
      expect(api.createAccession).toHaveBeenCalledWith({
        identifier: "2024.001",
        donor: "Tatiana Isaeva",
        donor_person_id: s.isaeva.id,
        received: "2024-03~",
        method: "deposit",
        records: [{ kind: "interview", id: s.books.id }],
        note: "Two cassettes and letters",
      }),
    );
    const row = await within(section).findByTestId("accession-row");
    expect(flat(row)).toContain("2024.001 · Deposit");
    expect(flat(row)).toContain("From Tatiana Isaeva · received 2024-03~");
    expect(flat(row)).toContain("No deed of gift kept");
    expect(within(section).queryByTestId("accession-form")).toBeNull();
  });

  it("shows the backend's word under the donor and the day received, and keeps the form open", async () => {
    const { user, section } = await openAccessions("Books and letters");
    await user.click(await within(section).findByTestId("accession-add"));
    const form = within(section).getByTestId("accession-form");
    await user.click(within(form).getByTestId("accession-save"));
    expect(flat(await within(form).findByTestId("field-error"))).toBe("An accession needs a donor (or the project, for its own recordings)");
    await user.type(within(form).getByTestId("accession-donor"), "The Smilga family");
    await user.type(within(form).getByTestId("accession-received"), "last spring");
    await user.click(within(form).getByTestId("accession-save"));
    await vi.waitFor(() => expect(flat(within(form).getByTestId("field-error"))).toContain('"last spring" is not a date Recollect can read'));
    expect(access().accessions).toEqual([]);
    await user.clear(within(form).getByTestId("accession-received"));
    await user.type(within(form).getByTestId("accession-received"), "2023");
    const busy = "/home/curator/Archive.db cannot be changed from here: another Recollect is writing to it";
    backend.failNext("createAccession", new ApiError("busy", busy));
    await user.click(within(form).getByTestId("accession-save"));
    expect(flat(await within(form).findByTestId("accession-error"))).toBe(busy);
    await user.click(within(form).getByTestId("accession-save"));
    await vi.waitFor(() => expect(access().accessions.map((a) => [a.donor, a.received])).toEqual([["The Smilga family", "2023"]]));
  });

  it("edits an accession, keeping the other records that came in with it", async () => {
    const a = access().addAccession(
      [
        { kind: "interview", id: s.two.id },
        { kind: "interview", id: s.zhenya.id },
      ],
      { identifier: "1998.002", donor: "Tatiana Smilga", donor_person_id: s.tatiana.id, method: "gift", received: "1998" },
    );
    const { user, section } = await openAccessions("Two daughters");
    const row = await within(section).findByTestId("accession-row");
    await user.click(within(row).getByTestId("accession-edit"));
    const form = within(section).getByTestId("accession-form");
    expect(flat(within(form).getByTestId("accession-donor-person"))).toContain("In the archive as Tatiana Smilga");
    expect(within(form).queryByTestId("accession-join")).toBeNull();
    await user.click(within(form).getByTestId("accession-donor-unlink"));
    await user.clear(within(form).getByTestId("accession-donor"));
    await user.type(within(form).getByTestId("accession-donor"), "The Smilga family");
    await user.click(within(form).getByTestId("accession-save"));
    await vi.waitFor(() =>
      expect(api.updateAccession).toHaveBeenCalledWith(a.id, expect.objectContaining({ donor: "The Smilga family", donor_person_id: null, received: "1998", records: a.records })),
    );
    await vi.waitFor(() => expect(flat(within(section).getByTestId("accession-row"))).toContain("From The Smilga family"));
  });

  it("adds the interview to an accession it was not in", async () => {
    const a = access().addAccession([{ kind: "interview", id: s.two.id }], { identifier: "1998.002", donor: "Tatiana Smilga" });
    const { user, section } = await openAccessions("Zhenya remembers");
    await user.click(await within(section).findByTestId("accession-add"));
    const form = within(section).getByTestId("accession-form");
    const join = (await within(form).findByTestId("accession-join")) as HTMLSelectElement;
    expect(Array.from(join.options).map((o) => o.textContent)).toEqual(["A new accession", "1998.002 · Tatiana Smilga · Gift"]);
    await user.selectOptions(join, a.id);
    expect(within(form).queryByTestId("accession-donor")).toBeNull();
    await user.click(within(form).getByTestId("accession-save"));
    await vi.waitFor(() =>
      expect(api.updateAccession).toHaveBeenCalledWith(
        a.id,
        expect.objectContaining({
          records: [
            { kind: "interview", id: s.two.id },
            { kind: "interview", id: s.zhenya.id },
          ],
        }),
      ),
    );
    expect(flat(await within(section).findByTestId("accession-row"))).toContain("1998.002 · Gift");
  });

  it("attaches the deed chosen in the Open dialog and shows its name and hash", async () => {
    const a = access().addAccession([{ kind: "interview", id: s.books.id }], { identifier: "2024.001", donor: "Tatiana Isaeva" });
    const { user, section } = await openAccessions("Books and letters");
    const row = await within(section).findByTestId("accession-row");

    backend.filesAnswer = null;
    await user.click(within(row).getByTestId("accession-attach"));
    await vi.waitFor(() => expect(api.chooseDeed).toHaveBeenCalledTimes(1));
    expect(api.attachAccessionDeed).not.toHaveBeenCalled();

    backend.filesAnswer = ["/home/curator/scans/deed of gift.pdf"];
    await user.click(within(row).getByTestId("accession-attach"));
    await vi.waitFor(() => expect(api.attachAccessionDeed).toHaveBeenCalledWith(a.id, "/home/curator/scans/deed of gift.pdf"));
    const deed = await within(section).findByTestId("accession-deed");
    const sha = access().accessions[0].deed!.sha256;
    expect(flat(deed)).toBe(`Deed: deed of gift.pdf · SHA-256 ${sha.slice(0, 12)}…`);
    expect(deed.querySelector("code")?.getAttribute("title")).toBe(sha);
    expect(within(section).getByTestId("accession-attach").textContent?.trim()).toBe("Replace deed…");
  });

  it("says why a deed could not be kept, at its accession", async () => {
    access().addAccession([{ kind: "interview", id: s.books.id }], { donor: "Tatiana Isaeva" });
    const { user, section } = await openAccessions("Books and letters");
    const row = await within(section).findByTestId("accession-row");
    backend.filesAnswer = ["/media/usb/deed.pdf"];
    backend.failNext("attachAccessionDeed", new ApiError("io", "could not read /media/usb/deed.pdf: No such file or directory"));
    await user.click(within(row).getByTestId("accession-attach"));
    expect(flat(await within(row).findByTestId("accession-deed-error"))).toBe("Could not read /media/usb/deed.pdf: No such file or directory");
    expect(flat(row)).toContain("No deed of gift kept");
  });

  it("takes the interview off an accession that holds other records too", async () => {
    const a = access().addAccession(
      [
        { kind: "interview", id: s.two.id },
        { kind: "interview", id: s.books.id },
      ],
      { identifier: "1998.002", donor: "Tatiana Smilga" },
    );
    const { user, section } = await openAccessions("Books and letters");
    await user.click(await within(section).findByTestId("accession-remove"));
    const confirm = await screen.findByTestId("confirm-dialog");
    expect(flat(confirm)).toContain("Take this interview off 1998.002?");
    expect(flat(confirm)).toContain("keeps its other record and its deed");
    await user.click(within(confirm).getByTestId("confirm-ok"));
    await vi.waitFor(() => expect(api.updateAccession).toHaveBeenCalledWith(a.id, expect.objectContaining({ records: [{ kind: "interview", id: s.two.id }] })));
    expect(api.deleteAccession).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(flat(section)).toContain("Not recorded as part of an accession"));
  });

  it("deletes an accession the interview was all it held, once confirmed", async () => {
    const a = access().addAccession([{ kind: "interview", id: s.books.id }], { identifier: "2024.001", donor: "Tatiana Isaeva" });
    const { user, section } = await openAccessions("Books and letters");
    await user.click(await within(section).findByTestId("accession-remove"));
    expect(flat(await screen.findByTestId("confirm-dialog"))).toContain("Delete 2024.001?");
    await user.click(within(screen.getByTestId("confirm-dialog")).getByTestId("confirm-ok"));
    await vi.waitFor(() => expect(api.deleteAccession).toHaveBeenCalledWith(a.id));
    await vi.waitFor(() => expect(flat(section)).toContain("Not recorded as part of an accession"));
  });
});
