import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import Harness from "../../../test/harness/VirtualListHarness.svelte";

const shown = () => screen.getAllByTestId("row").map((r) => Number(r.dataset.n));
const viewport = () => screen.getByTestId("list");

async function scrollTo(y: number) {
  viewport().scrollTop = y;
  await fireEvent.scroll(viewport());
}

describe("VirtualList", () => {
  it("renders only a window of 10,000 rows: those in view and a margin", () => {
    render(Harness, { count: 10_000 });
    const rows = shown();
    // 600 px in view + 300 px below, at 30 px a row.
    expect(rows[0]).toBe(0);
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(rows.length).toBeLessThan(40);
    // The list is as tall as all its rows, so the scrollbar tells the truth.
    expect((viewport().firstElementChild as HTMLElement).style.height).toBe("300000px");
    const list = screen.getByRole("list", { name: "Rows" });
    expect(list.querySelector("[role=listitem]")?.getAttribute("aria-setsize")).toBe("10000");
  });

  it("moves the window as the list scrolls, placing each row at its offset", async () => {
    render(Harness, { count: 10_000 });
    await scrollTo(150_000);
    const rows = shown();
    expect(rows).toContain(5000);
    expect(rows).toContain(5019);
    expect(rows).not.toContain(0);
    expect(Math.min(...rows)).toBeGreaterThanOrEqual(4990);
    expect(Math.max(...rows)).toBeLessThanOrEqual(5031);
    const row5000 = screen.getAllByTestId("row").find((r) => r.dataset.n === "5000")!.parentElement!;
    expect(row5000.style.top).toBe("150000px");
    expect(row5000.getAttribute("aria-posinset")).toBe("5001");
  });

  it("scrolls a row into view, to the middle or just enough", async () => {
    const { component } = render(Harness, { count: 10_000 });
    component.scrollToIndex(9999);
    await Promise.resolve();
    await vi.waitFor(() => expect(shown()).toContain(9999));
    expect(viewport().scrollTop).toBe(9999 * 30 + 30 - 600);
    expect(component.isInView(9999)).toBe(true);
    expect(component.isInView(0)).toBe(false);

    component.scrollToIndex(4000, "center");
    await vi.waitFor(() => expect(shown()).toContain(4000));
    expect(viewport().scrollTop).toBe(4000 * 30 - (600 - 30) / 2);
  });

  it("keeps pinned rows rendered wherever it is scrolled (the one being edited)", async () => {
    render(Harness, { count: 10_000, pinned: [3] });
    await scrollTo(200_000);
    expect(shown()).toContain(3);
    expect(shown()).toContain(6670);
  });

  it("tells the reader's scrolling from its own", async () => {
    const onuserscroll = vi.fn();
    const { component } = render(Harness, { count: 1000, onuserscroll });
    component.scrollToIndex(500, "start");
    await fireEvent.scroll(viewport());
    expect(onuserscroll).not.toHaveBeenCalled();
    await scrollTo(100);
    expect(onuserscroll).toHaveBeenCalledOnce();
    await fireEvent.wheel(viewport());
    expect(onuserscroll).toHaveBeenCalledTimes(2);
  });

  it("renders rows added later, and nothing for an empty list", async () => {
    const { rerender } = render(Harness, { count: 0 });
    expect(screen.queryAllByTestId("row")).toEqual([]);
    await rerender({ count: 3 });
    expect(shown()).toEqual([0, 1, 2]);
  });
});
