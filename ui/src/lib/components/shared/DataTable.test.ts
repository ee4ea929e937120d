import { afterEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Harness from "../../../test/harness/DataTableHarness.svelte";

const rendered = () => Array.from(document.querySelectorAll<HTMLElement>("tr[data-id]"));
const ids = () => rendered().map((r) => r.dataset.id);
const scroller = () => document.querySelector<HTMLElement>(".scroller")!;
const gaps = () => Array.from(document.querySelectorAll<HTMLElement>("tr.gap td")).map((td) => parseFloat(td.style.height));
const colWidths = () => Array.from(document.querySelectorAll<HTMLElement>("col")).map((c) => Math.round(parseFloat(c.style.width)));

afterEach(() => localStorage.clear());

describe("DataTable windowing", () => {
  it("renders only a window of 10,000 rows, with spacers standing for the rest", () => {
    render(Harness, { count: 10_000 });
    const rows = rendered();
    // 600 px in view at 34 px a row, and 10 rows more below.
    expect(rows.length).toBeGreaterThanOrEqual(18);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0].dataset.id).toBe("row-0");
    const grid = screen.getByRole("grid", { name: "Rows" });
    expect(grid.getAttribute("aria-rowcount")).toBe("10001");
    expect(rows.map((r) => r.getAttribute("aria-rowindex"))).toEqual(rows.map((_, i) => String(i + 2)));
    // The body is as tall as all its rows, so the scrollbar tells the truth.
    expect(gaps()).toEqual([(10_000 - rows.length) * 34]);
  });

  it("moves the window as the list scrolls", async () => {
    render(Harness, { count: 10_000 });
    scroller().scrollTop = 5000 * 34;
    await fireEvent.scroll(scroller());
    expect(ids()).toContain("row-5000");
    expect(ids()).toContain("row-5015");
    const fifty = rendered().find((r) => r.dataset.id === "row-5000")!;
    expect(fifty.getAttribute("aria-rowindex")).toBe("5002");
    expect(rendered().length).toBeLessThan(50);
    // Rows above stand in a spacer; the first row stays, as it holds the keyboard's tab stop.
    expect(ids()[0]).toBe("row-0");
    expect(ids()[1]).toBe("row-4990");
    expect(gaps()[0]).toBe(4989 * 34);
  });

  it("End focuses the last row, scrolled into view, and Home the first again", async () => {
    const user = userEvent.setup();
    render(Harness, { count: 10_000 });
    await user.click(rendered()[0]);
    await user.keyboard("{End}");
    const last = document.activeElement as HTMLElement;
    expect(last.dataset.id).toBe("row-9999");
    expect(last.getAttribute("aria-rowindex")).toBe("10001");
    expect(last.getAttribute("aria-selected")).toBe("true");
    expect(scroller().scrollTop).toBe(10_000 * 34 - 600);
    expect(rendered().length).toBeLessThan(50);
    expect(ids()).not.toContain("row-5000");
    await user.keyboard("{Shift>}{ArrowUp}{ArrowUp}{/Shift}");
    expect(rendered().filter((r) => r.getAttribute("aria-selected") === "true").map((r) => r.dataset.id)).toEqual(["row-9997", "row-9998", "row-9999"]);
    await user.keyboard("{Home}");
    expect((document.activeElement as HTMLElement).dataset.id).toBe("row-0");
    expect(scroller().scrollTop).toBe(0);
  });

  it("keeps the focused row rendered when the list is scrolled away from it, and focuses it again", async () => {
    const user = userEvent.setup();
    const { component } = render(Harness, { count: 10_000 });
    await user.click(rendered()[3]);
    scroller().scrollTop = 8000 * 34;
    await fireEvent.scroll(scroller());
    expect(ids()).toContain("row-3");
    expect(document.activeElement).toBe(rendered().find((r) => r.dataset.id === "row-3"));
    await user.keyboard("{ArrowDown}");
    expect((document.activeElement as HTMLElement).dataset.id).toBe("row-4");
    expect(scroller().scrollTop).toBe(4 * 34);
    expect(component.visibleIds()).toHaveLength(10_000);
  });

  it("keeps the focused row in view when the rows change height", async () => {
    const user = userEvent.setup();
    const { rerender } = render(Harness, { count: 10_000 });
    await user.click(rendered()[0]);
    for (let i = 0; i < 10; i++) await user.keyboard("{PageDown}");
    expect((document.activeElement as HTMLElement).dataset.id).toBe("row-100");
    expect(scroller().scrollTop).toBe(101 * 34 - 600);
    await rerender({ count: 10_000, rowHeight: 46 });
    expect(scroller().scrollTop).toBe(101 * 46 - 600);
    expect(ids()).toContain("row-100");
  });

  it("type-ahead finds a row by a word of any of its texts, a far one too", async () => {
    const user = userEvent.setup();
    render(Harness, { count: 10_000 });
    await user.click(rendered()[0]);
    // No title starts with "narrator 9876"; a narrator's name does.
    await user.keyboard("narrator 9876");
    expect((document.activeElement as HTMLElement).dataset.id).toBe("row-9876");
  });
});

describe("DataTable column widths", () => {
  it("resizes a column with the arrow keys on its boundary, and remembers it per table", async () => {
    const user = userEvent.setup();
    const first = render(Harness, { count: 3 });
    // 1000 px: the fixed column keeps its 100, the others share the rest 60:40.
    expect(colWidths()).toEqual([540, 360, 100]);
    const handle = screen.getByRole("separator", { name: "Resize Title column" });
    expect(handle.getAttribute("aria-valuenow")).toBe("540");
    handle.focus();
    await user.keyboard("{ArrowRight}{ArrowRight}{Shift>}{ArrowRight}{/Shift}");
    expect(colWidths()).toEqual([610, 290, 100]);
    expect(handle.getAttribute("aria-valuenow")).toBe("610");
    await user.keyboard("{ArrowLeft}");
    expect(colWidths()).toEqual([600, 300, 100]);
    // A fixed column gives and takes too.
    screen.getByRole("separator", { name: "Resize Narrator column" }).focus();
    await user.keyboard("{ArrowRight}{ArrowRight}");
    expect(colWidths()).toEqual([600, 320, 80]);
    expect(JSON.parse(localStorage.getItem("recollect.columns.harness")!)).toEqual({ title: 65.217, narrator: 34.783, n: 80 });
    first.unmount();

    // Shown again, the table has the widths it was left with; another table its own.
    render(Harness, { count: 3 });
    expect(colWidths()).toEqual([600, 320, 80]);
    document.body.innerHTML = "";
    render(Harness, { count: 3, widthsKey: "other" });
    expect(colWidths()).toEqual([540, 360, 100]);
  });

  it("never makes a column narrower than its minimum", async () => {
    const user = userEvent.setup();
    render(Harness, { count: 3 });
    screen.getByRole("separator", { name: "Resize Narrator column" }).focus();
    for (let i = 0; i < 5; i++) await user.keyboard("{Shift>}{ArrowRight}{/Shift}");
    expect(colWidths()).toEqual([540, 412, 48]);
  });

  it("follows a dragged boundary, and a double-click puts the widths back", async () => {
    render(Harness, { count: 3 });
    const handle = screen.getByRole("separator", { name: "Resize Title column" });
    await fireEvent.pointerDown(handle, { button: 0, clientX: 540, pointerId: 1 });
    await fireEvent.pointerMove(handle, { clientX: 500, pointerId: 1 });
    expect(colWidths()).toEqual([500, 400, 100]);
    await fireEvent.pointerMove(handle, { clientX: 440, pointerId: 1 });
    expect(colWidths()).toEqual([440, 460, 100]);
    // Not saved until the pointer is let go.
    expect(localStorage.getItem("recollect.columns.harness")).toBeNull();
    await fireEvent.pointerUp(handle, { clientX: 440, pointerId: 1 });
    expect(colWidths()).toEqual([440, 460, 100]);
    expect(localStorage.getItem("recollect.columns.harness")).not.toBeNull();
    await fireEvent.dblClick(handle);
    expect(colWidths()).toEqual([540, 360, 100]);
    expect(localStorage.getItem("recollect.columns.harness")).toBeNull();
  });
});
