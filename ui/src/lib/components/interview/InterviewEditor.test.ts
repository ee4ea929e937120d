import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../api", () => import("../../../test/fake-api"));

import { screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { backend, mocks, reset } from "../../../test/fake-api";
import { renderWindow, seedSample } from "../../../test/render";

let s: ReturnType<typeof seedSample>;

beforeEach(() => {
  reset();
  s = seedSample();
});

const saveState = () => screen.getByTestId("save-state").textContent ?? "";
const field = (id: string) => screen.getByTestId(id) as HTMLInputElement;

async function openInterview(title: string, fakeTimers = false) {
  if (fakeTimers) vi.useFakeTimers();
  const user = userEvent.setup(fakeTimers ? { advanceTimers: vi.advanceTimersByTime.bind(vi) } : {});
  const r = await renderWindow();
  const row = screen.getAllByTestId("interview-row").find((tr) => tr.textContent?.includes(title))!;
  await user.click(row);
  await screen.findByTestId("interview-editor");
  return { user, ...r };
}

describe("saving as you type", () => {
  afterEach(() => vi.useRealTimers());

  it("waits ~400 ms after typing, then sends one update with the edited title and everything else unchanged", async () => {
    const { user } = await openInterview("Two daughters", true);
    await user.clear(field("field-title"));
    await user.type(field("field-title"), "Two sisters");
    expect(mocks.updateInterview).not.toHaveBeenCalled();
    expect(saveState()).toContain("Saving…");

    await vi.advanceTimersByTimeAsync(399);
    expect(mocks.updateInterview).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);

    expect(mocks.updateInterview).toHaveBeenCalledOnce();
    expect(mocks.updateInterview).toHaveBeenCalledWith(s.two.id, {
      title: "Two sisters",
      collection_id: s.family.id,
      date: "1927-02~",
      place: "",
      languages: ["ru"],
      summary: "",
      duration_ms: 3_600_000,
      status: "curated",
      narrator_ids: [s.tatiana.id],
      interviewer_ids: [s.volkov.id],
    });
    await vi.waitFor(() => expect(saveState()).toContain("Saved"));
    expect(screen.getAllByTestId("interview-row").some((r) => r.textContent?.includes("Two sisters"))).toBe(true);
  });

  it("saves at once when the field is left", async () => {
    const { user } = await openInterview("Books and letters", true);
    await user.type(field("field-place"), "Moscow");
    expect(mocks.updateInterview).not.toHaveBeenCalled();
    await user.tab();
    await vi.advanceTimersByTimeAsync(0);
    expect(mocks.updateInterview).toHaveBeenCalledOnce();
    expect(mocks.updateInterview.mock.calls[0][1]).toMatchObject({ place: "Moscow", title: "Books and letters" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(mocks.updateInterview).toHaveBeenCalledOnce();
  });

  it("splits languages into codes", async () => {
    const { user } = await openInterview("Books and letters", true);
    await user.type(field("field-languages"), "ru, en uk");
    await vi.advanceTimersByTimeAsync(400);
    expect(mocks.updateInterview.mock.calls[0][1].languages).toEqual(["ru", "en", "uk"]);
  });

  it("says why a date cannot be read once, in a historian's words under the date, until it is fixed", async () => {
    const { user } = await openInterview("Books and letters", true);
    await user.type(field("field-date"), "spring 1927");
    await vi.advanceTimersByTimeAsync(400);

    const error = await vi.waitFor(() => screen.getByTestId("field-error"));
    const why =
      '"spring 1927" is not a date Recollect can read (write it in digits, not words): write a year (1927), a month (1927-05) or a day (1927-05-14); add ~ for about (1927~) or ? for uncertain (1927?), and X for digits not known (192X, the 1920s)';
    expect(error.textContent).toBe(why);
    expect(field("field-date").getAttribute("aria-invalid")).toBe("true");
    expect(field("field-date").getAttribute("aria-describedby")).toBe(error.id);
    // Said once: the save state points at the field rather than saying it again.
    expect(saveState().trim()).toBe("Not saved: see the date below");
    const editor = screen.getByTestId("interview-editor");
    expect(editor.textContent!.split("is not a date Recollect can read").length - 1).toBe(1);

    await user.clear(field("field-date"));
    await user.type(field("field-date"), "1927-02~");
    await vi.advanceTimersByTimeAsync(400);
    await vi.waitFor(() => expect(saveState()).toContain("Saved"));
    expect(screen.queryByTestId("field-error")).toBeNull();
    expect(backend.interviews.find((i) => i.id === s.books.id)?.date).toBe("1927-02~");
  });

  it("keeps what the curator is typing when a reload arrives mid-edit", async () => {
    const { user, store } = await openInterview("Two daughters", true);
    await user.type(field("field-summary"), "About the twenties");
    await store.reload("interviews");
    expect(field("field-summary").value).toBe("About the twenties");
    await vi.advanceTimersByTimeAsync(400);
    expect(mocks.updateInterview.mock.calls[0][1].summary).toBe("About the twenties");
  });

  it("shows a change made elsewhere when nothing is being edited", async () => {
    const { store } = await openInterview("Two daughters");
    backend.interviews.find((i) => i.id === s.two.id)!.place = "Leningrad";
    await store.reload("interviews");
    await vi.waitFor(() => expect(field("field-place").value).toBe("Leningrad"));
  });

  it("saves the status and collection as soon as they are chosen", async () => {
    const { user } = await openInterview("Books and letters");
    await user.selectOptions(field("field-status"), "curated");
    await vi.waitFor(() => expect(mocks.updateInterview).toHaveBeenCalledTimes(1));
    expect(mocks.updateInterview.mock.calls[0][1].status).toBe("curated");
    await user.selectOptions(field("field-collection"), s.blockade.id);
    await vi.waitFor(() => expect(mocks.updateInterview).toHaveBeenCalledTimes(2));
    expect(mocks.updateInterview.mock.calls[1][1].collection_id).toBe(s.blockade.id);
  });
});

describe("the narrator combobox", () => {
  const chips = (role = "narrator") => screen.queryAllByTestId(`${role}-chip`).map((c) => c.querySelector("span")?.textContent);
  const options = () => screen.queryAllByTestId("narrator-option").map((o) => o.querySelector(".name")?.textContent);

  it("filters people by name as you type, leaving out those already chosen", async () => {
    const { user } = await openInterview("Two daughters");
    expect(chips()).toEqual(["Tatiana Smilga"]);
    await user.type(field("narrator-input"), "tat");
    expect(options()).toEqual(["Tatiana Isaeva"]);
    await user.clear(field("narrator-input"));
    await user.type(field("narrator-input"), "ser");
    expect(options()).toEqual(["Zorya Serebryakova"]);
  });

  it("matches without accents and by family name", async () => {
    const { user } = await openInterview("Two daughters");
    await user.type(field("narrator-input"), "capek");
    expect(options()).toEqual(["Karel Čapek"]);
    expect(screen.getByTestId("narrator-option").textContent).toContain("1890–1938");
  });

  it("adds the highlighted person with Enter and saves at once", async () => {
    const { user } = await openInterview("Two daughters");
    await user.type(field("narrator-input"), "zor{Enter}");
    expect(chips()).toEqual(["Tatiana Smilga", "Zorya Serebryakova"]);
    expect(field("narrator-input").value).toBe("");
    await vi.waitFor(() => expect(mocks.updateInterview).toHaveBeenCalled());
    expect(mocks.updateInterview.mock.calls.at(-1)![1].narrator_ids).toEqual([s.tatiana.id, s.zorya.id]);
  });

  it("moves the highlight with the arrow keys", async () => {
    const { user } = await openInterview("Books and letters");
    await user.type(field("narrator-input"), "a");
    const first = options();
    expect(first.length).toBeGreaterThan(2);
    await user.keyboard("{ArrowDown}");
    expect(screen.getAllByTestId("narrator-option")[1].getAttribute("aria-selected")).toBe("true");
    expect(field("narrator-input").getAttribute("aria-activedescendant")).toBe(screen.getAllByTestId("narrator-option")[1].id);
    await user.keyboard("{Enter}");
    expect(chips()).toEqual(["Tatiana Isaeva", first[1]]);
  });

  it("offers to add a new person, creates them, then adds them", async () => {
    const { user } = await openInterview("Two daughters");
    await user.type(field("narrator-input"), "Olga Berggolts");
    expect(options()).toEqual([]);
    const create = screen.getByTestId("narrator-create");
    expect(create.textContent?.trim()).toBe("Add “Olga Berggolts” as a new person");
    await user.keyboard("{Enter}");
    await vi.waitFor(() => expect(chips()).toEqual(["Tatiana Smilga", "Olga Berggolts"]));
    expect(mocks.createPerson).toHaveBeenCalledWith({ display_name: "Olga Berggolts" });
    const olga = backend.people.find((p) => p.display_name === "Olga Berggolts")!;
    await vi.waitFor(() => expect(mocks.updateInterview.mock.calls.at(-1)![1].narrator_ids).toEqual([s.tatiana.id, olga.id]));
  });

  it("creates a new person by clicking the offer", async () => {
    const { user } = await openInterview("Books and letters");
    await user.type(field("narrator-input"), "Lydia Chukovskaya");
    await user.click(screen.getByTestId("narrator-create"));
    await vi.waitFor(() => expect(chips()).toEqual(["Tatiana Isaeva", "Lydia Chukovskaya"]));
  });

  it("does not offer to add a name that someone already has", async () => {
    const { user } = await openInterview("Two daughters");
    await user.type(field("narrator-input"), "zorya serebryakova");
    expect(options()).toEqual(["Zorya Serebryakova"]);
    expect(screen.queryByTestId("narrator-create")).toBeNull();
  });

  it("removes the last chip with Backspace in the empty input, and not while there is text", async () => {
    const { user } = await openInterview("Zhenya remembers");
    expect(chips()).toEqual(["Zorya Serebryakova", "Tatiana Smilga"]);
    await user.type(field("narrator-input"), "x{Backspace}");
    expect(chips()).toEqual(["Zorya Serebryakova", "Tatiana Smilga"]);
    await user.keyboard("{Backspace}");
    expect(chips()).toEqual(["Zorya Serebryakova"]);
    await vi.waitFor(() => expect(mocks.updateInterview.mock.calls.at(-1)![1].narrator_ids).toEqual([s.zorya.id]));
  });

  it("removes a chip with its button", async () => {
    const { user } = await openInterview("Zhenya remembers");
    await user.click(screen.getByRole("button", { name: "Remove Zorya Serebryakova" }));
    expect(chips()).toEqual(["Tatiana Smilga"]);
    await vi.waitFor(() => expect(mocks.updateInterview.mock.calls.at(-1)![1].narrator_ids).toEqual([s.tatiana.id]));
  });

  it("closes the suggestions with Escape", async () => {
    const { user } = await openInterview("Two daughters");
    await user.type(field("narrator-input"), "zor");
    expect(field("narrator-input").getAttribute("aria-expanded")).toBe("true");
    await user.keyboard("{Escape}");
    expect(field("narrator-input").getAttribute("aria-expanded")).toBe("false");
    expect(options()).toEqual([]);
  });

  it("works the same for interviewers", async () => {
    const { user } = await openInterview("Books and letters");
    await user.type(field("interviewer-input"), "vlad{Enter}");
    expect(chips("interviewer")).toEqual(["Vladimir Volkov"]);
    await vi.waitFor(() => expect(mocks.updateInterview.mock.calls.at(-1)![1]).toMatchObject({ interviewer_ids: [s.volkov.id], narrator_ids: [s.isaeva.id] }));
  });
});

describe("history and deletion", () => {
  it("lists the record's history: what changed, when and by whom", async () => {
    const { user } = await openInterview("Books and letters");
    await user.type(field("field-place"), "Tver");
    await user.tab();
    await vi.waitFor(() => expect(mocks.updateInterview).toHaveBeenCalled());
    await user.click(screen.getByRole("tab", { name: "History" }));
    const event = await screen.findByTestId("history-event");
    expect(event.textContent).toContain("Changed place");
    expect(event.textContent).toContain("Ann");
    expect(event.textContent).toContain("in the window");
  });

  it("moves the interview to the Trash after the curator confirms, and Undo brings it back", async () => {
    const { user } = await openInterview("Books and letters");
    await user.click(screen.getByTestId("delete-interview"));
    const dialog = await screen.findByTestId("confirm-dialog");
    expect(dialog.textContent).toContain("Move “Books and letters” to the Trash?");
    expect(dialog.textContent).toContain("can be restored");
    await user.click(within(dialog).getByTestId("confirm-ok"));
    await vi.waitFor(() => expect(mocks.deleteInterview).toHaveBeenCalledWith(s.books.id));
    await vi.waitFor(() => expect(screen.getAllByTestId("interview-row")).toHaveLength(3));
    const notice = await screen.findByTestId("notice");
    expect(notice.textContent).toContain("Moved “Books and letters” to the Trash.");
    await vi.waitFor(() => expect(within(screen.getByTestId("nav-trash")).getByTestId("count").textContent).toBe("1"));
    await user.click(within(notice).getByTestId("notice-action"));
    await vi.waitFor(() => expect(mocks.restoreFromTrash).toHaveBeenCalledWith(s.books.id));
    await vi.waitFor(() => expect(screen.getAllByTestId("interview-row")).toHaveLength(4));
    await vi.waitFor(() => expect(within(screen.getByTestId("nav-trash")).getByTestId("count").textContent).toBe("0"));
  });

  it("keeps the interview when the curator cancels", async () => {
    const { user } = await openInterview("Books and letters");
    await user.click(screen.getByTestId("delete-interview"));
    await user.keyboard("{Escape}");
    expect(screen.queryByTestId("confirm-dialog")).toBeNull();
    expect(mocks.deleteInterview).not.toHaveBeenCalled();
  });
});

describe("undo of saved edits", () => {
  const lastTitleSaved = () => mocks.updateInterview.mock.calls.at(-1)?.[1].title;

  it("Ctrl+Z outside a field puts back the title saved before, through the normal save, and Ctrl+Shift+Z redoes it", async () => {
    const { user } = await openInterview("Two daughters");
    await user.clear(field("field-title"));
    await user.type(field("field-title"), "Two sisters");
    await user.tab();
    await vi.waitFor(() => expect(lastTitleSaved()).toBe("Two sisters"));
    await vi.waitFor(() => expect(saveState()).toContain("Saved"));
    expect(screen.getByTestId("undo-edit").getAttribute("aria-label")).toBe("Undo: change title");

    (document.activeElement as HTMLElement).blur();
    await user.keyboard("{Control>}z{/Control}");
    await vi.waitFor(() => expect(lastTitleSaved()).toBe("Two daughters"));
    await vi.waitFor(() => expect(field("field-title").value).toBe("Two daughters"));
    expect(backend.interviews.find((i) => i.id === s.two.id)?.title).toBe("Two daughters");
    expect((await screen.findByTestId("notice")).textContent).toContain("Undone: change title.");

    await user.keyboard("{Control>}{Shift>}z{/Shift}{/Control}");
    await vi.waitFor(() => expect(field("field-title").value).toBe("Two sisters"));
    expect(backend.interviews.find((i) => i.id === s.two.id)?.title).toBe("Two sisters");
  });

  it("typing in one field in several pauses is one step, and the Undo beside Saved takes it back", async () => {
    const { user } = await openInterview("Two daughters");
    await user.type(field("field-place"), "Mos");
    await vi.waitFor(() => expect(mocks.updateInterview.mock.calls.at(-1)?.[1].place).toBe("Mos"));
    await user.type(field("field-place"), "cow");
    await user.tab();
    await vi.waitFor(() => expect(mocks.updateInterview.mock.calls.at(-1)?.[1].place).toBe("Moscow"));
    await user.click(await screen.findByTestId("undo-edit"));
    await vi.waitFor(() => expect(field("field-place").value).toBe(""));
    expect(backend.interviews.find((i) => i.id === s.two.id)?.place).toBe("");
  });

  it("Ctrl+Z inside a text field is left to the field's own text undo", async () => {
    const { user } = await openInterview("Two daughters");
    await user.type(field("field-place"), "Tver");
    await user.tab();
    await vi.waitFor(() => expect(mocks.updateInterview.mock.calls.at(-1)?.[1].place).toBe("Tver"));
    const saves = mocks.updateInterview.mock.calls.length;
    field("field-title").focus();
    await user.keyboard("{Control>}z{/Control}");
    // An undo would have saved within the microtasks of the key press.
    await new Promise((r) => setTimeout(r, 0));
    expect(mocks.updateInterview.mock.calls.length).toBe(saves);
    expect(field("field-place").value).toBe("Tver");
    expect(screen.getByTestId("undo-edit")).toBeTruthy();
  });
});
