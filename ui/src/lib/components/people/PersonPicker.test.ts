import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../api", () => import("../../../test/fake-api"));

import { screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { mocks, reset } from "../../../test/fake-api";
import { photoMocks, seedGroupPhoto } from "../../../test/fake-photos";
import { renderWindow, seedSample } from "../../../test/render";

let s: ReturnType<typeof seedSample>;

beforeEach(() => {
  reset();
  s = seedSample();
  seedGroupPhoto();
});

async function narratorField() {
  const user = userEvent.setup();
  await renderWindow();
  const row = screen.getAllByTestId("interview-row").find((tr) => tr.textContent?.includes("Books and letters"))!;
  await user.click(row);
  await screen.findByTestId("interview-editor");
  return { user, input: screen.getByTestId("narrator-input") };
}

const options = () => screen.queryAllByTestId("narrator-option").map((o) => o.textContent?.replace(/\s+/g, " ").trim());

describe("finding people by any spelling in the narrator picker", () => {
  it("offers the person a misspelling belongs to, saying which spelling matched, before adding a new person", async () => {
    const { user, input } = await narratorField();
    await user.type(input, "Serebrayakova");
    await vi.waitFor(() => expect(options()[0]).toBe("Zorya Serebryakova matched “Zorya Serebrayakova”"));
    expect(photoMocks.matchPeople).toHaveBeenLastCalledWith("Serebrayakova");
    const list = screen.getByRole("listbox", { name: /Narrators/ });
    const all = Array.from(list.querySelectorAll("[role=option]")).map((o) => o.getAttribute("data-testid"));
    expect(all.at(-1)).toBe("narrator-create");

    // Enter takes the match, not a new person.
    await user.keyboard("{Enter}");
    await vi.waitFor(() => expect(screen.getAllByTestId("narrator-chip").map((c) => c.textContent?.replace("×", "").trim())).toContain("Zorya Serebryakova"));
    expect(mocks.createPerson).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(mocks.updateInterview).toHaveBeenCalled());
    expect(mocks.updateInterview.mock.calls.at(-1)?.[1].narrator_ids).toEqual([s.isaeva.id, s.zorya.id]);
  });

  it("finds a person typed in Cyrillic", async () => {
    const { user, input } = await narratorField();
    await user.type(input, "Серебрякова");
    await vi.waitFor(() => expect(options()[0]).toBe("Zorya Serebryakova matched “Зоря Леонидовна Серебрякова”"));
  });

  it("still lists names that start with what was typed first, each once", async () => {
    const { user, input } = await narratorField();
    await user.type(input, "Zorya");
    await vi.waitFor(() => expect(photoMocks.matchPeople).toHaveBeenLastCalledWith("Zorya"));
    await vi.waitFor(() => expect(options()).toEqual(["Zorya Serebryakova"]));
  });
});
