import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../api", () => import("../../test/fake-api"));

import { screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { backend, mocks, reset } from "../../test/fake-api";
import { renderWindow, seedSample } from "../../test/render";

let s: ReturnType<typeof seedSample>;

beforeEach(() => {
  reset();
  s = seedSample();
});

const rowTitles = () => screen.queryAllByTestId("interview-row").map((r) => r.querySelector("td")?.textContent?.trim());
const trashLabels = () => screen.queryAllByTestId("trash-label").map((l) => l.textContent?.trim());

async function trashBooks() {
  const user = userEvent.setup();
  await renderWindow();
  await user.click(await screen.findByRole("row", { name: /Books and letters/ }));
  await user.keyboard("{Delete}");
  await user.click(within(await screen.findByTestId("confirm-dialog")).getByTestId("confirm-ok"));
  await vi.waitFor(() => expect(rowTitles()).not.toContain("Books and letters"));
  await user.click(screen.getByTestId("nav-trash"));
  await screen.findByTestId("trash-view");
  return user;
}

describe("the Trash", () => {
  it("says it is empty when nothing was deleted", async () => {
    const user = userEvent.setup();
    await renderWindow();
    await user.click(await screen.findByTestId("nav-trash"));
    expect(await screen.findByTestId("empty-trash-state")).toBeTruthy();
  });

  it("lists a deleted interview, and Restore brings it back among the interviews", async () => {
    const user = await trashBooks();
    await vi.waitFor(() => expect(trashLabels()).toEqual(["Books and letters"]));
    await user.click(within(screen.getByTestId("trash-item")).getByTestId("restore"));
    await vi.waitFor(() => expect(mocks.restoreFromTrash).toHaveBeenCalledWith(s.books.id));
    await vi.waitFor(() => expect(trashLabels()).toEqual([]));
    expect((await screen.findByTestId("notice")).textContent).toContain("Restored “Books and letters”.");
    await user.click(screen.getByTestId("nav-all-interviews"));
    await vi.waitFor(() => expect(rowTitles()).toContain("Books and letters"));
  });

  it("deletes permanently only after a confirmation that says it cannot be undone", async () => {
    const user = await trashBooks();
    await vi.waitFor(() => expect(trashLabels()).toEqual(["Books and letters"]));
    await user.click(within(screen.getByTestId("trash-item")).getByTestId("purge"));
    const dialog = await screen.findByTestId("confirm-dialog");
    expect(dialog.textContent).toContain("Delete “Books and letters” permanently?");
    expect(dialog.textContent).toContain("cannot be undone");
    await user.keyboard("{Escape}");
    expect(mocks.purgeFromTrash).not.toHaveBeenCalled();
    expect(trashLabels()).toEqual(["Books and letters"]);

    await user.click(within(screen.getByTestId("trash-item")).getByTestId("purge"));
    await user.click(within(await screen.findByTestId("confirm-dialog")).getByTestId("confirm-ok"));
    await vi.waitFor(() => expect(mocks.purgeFromTrash).toHaveBeenCalledWith(s.books.id));
    await vi.waitFor(() => expect(trashLabels()).toEqual([]));
    expect(backend.trash).toEqual([]);
  });
});
